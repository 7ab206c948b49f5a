using System.Text.Json;
using Orchestration.Gateway.Http;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Gateway.Mcp;

/// <summary>A tool call's arguments, checked against the tool's parameters before it runs (<see cref="ToolArguments"/>),
/// so a model hears which argument is wrong and why instead of the SDK's "An error occurred invoking …".</summary>
internal static class McpArguments
{
    public static InvalidRequestException? Check(string tool, IDictionary<string, JsonElement>? arguments) =>
        StudioToolCatalog.Methods.TryGetValue(tool, out var method)
            ? ToolArguments.Check(tool, [.. StudioToolCatalog.Arguments(method)], arguments?.AsReadOnly() ?? new Dictionary<string, JsonElement>().AsReadOnly(), GatewayJson.Options)
            : null;
}
