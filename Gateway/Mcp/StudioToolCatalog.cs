using System.Reflection;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using Orchestration.Gateway.Http;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Gateway.Mcp;

/// <summary>
/// The studio's MCP tools, built from <see cref="StudioTools"/> with the gateway's JSON and schemas a model can use:
/// every enum parameter is a string with its allowed values (the gateway writes enums through a converter of its
/// own, which the schema generator cannot see into), dates say <c>format: date</c>, required parameters are listed.
/// </summary>
internal static class StudioToolCatalog
{
    /// <summary>The tools' methods by tool name, for <see cref="McpArguments"/>.</summary>
    public static readonly IReadOnlyDictionary<string, MethodInfo> Methods = typeof(StudioTools)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
        .ToDictionary(m => m.GetCustomAttribute<McpServerToolAttribute>()!.Name!, StringComparer.Ordinal);

    private static readonly AIJsonSchemaCreateOptions Schemas = new() { TransformSchemaNode = EnumsAsNames };

    public static IEnumerable<McpServerTool> Create() => Methods.Values.Select(method => McpServerTool.Create(method,
        request => ActivatorUtilities.CreateInstance<StudioTools>(request.Services!),
        new McpServerToolCreateOptions { SerializerOptions = GatewayJson.Options, SchemaCreateOptions = Schemas }));

    /// <summary>The parameters a model fills in (not the caller, which the credential says).</summary>
    public static IEnumerable<ParameterInfo> Arguments(MethodInfo method) =>
        method.GetParameters().Where(p => p.ParameterType != typeof(ClaimsPrincipal) && p.ParameterType != typeof(CancellationToken));

    private static JsonNode EnumsAsNames(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (!type.IsEnum || schema is not JsonObject node) return schema;
        var nullable = type != context.TypeInfo.Type;
        node["type"] = nullable ? new JsonArray("string", "null") : "string";
        node["enum"] = new JsonArray([.. Enum.GetValues(type).Cast<Enum>().Select(v => (JsonNode)ToolArguments.Name(v)!), .. nullable ? [null] : Array.Empty<JsonNode?>()]);
        return node;
    }
}
