using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orchestration.Gateway;
using Orchestration.Gateway.Mcp;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>
/// The MCP tools as a model sees them, through the official MCP client: every argument typed, enums with their
/// allowed values, dates with their format, required ones listed; and a generated corpus of bad arguments for every
/// tool, each refused as a tool error naming the argument and why — never "An error occurred invoking …".
/// </summary>
[Collection(GatewayCollection.Name)]
public class McpToolSchemaTests(GatewayFixture fixture)
{
    private static readonly IReadOnlyDictionary<string, MethodInfo> Methods = typeof(StudioTools).GetMethods()
        .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
        .ToDictionary(m => m.GetCustomAttribute<McpServerToolAttribute>()!.Name!);

    private static IEnumerable<ParameterInfo> Arguments(MethodInfo method) => method.GetParameters().Where(p => p.ParameterType != typeof(ClaimsPrincipal));

    private static Type Bare(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static string Kebab(object value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()!);

    private async Task<McpClient> Agent()
    {
        var agent = await fixture.Credential(Ids.New("studio"), Ids.New("llm"), CredentialRole.Agent);
        return await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(fixture.BaseAddress, GatewayHosting.McpPath),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {agent.Token}" },
        }));
    }

    [Fact]
    public async Task Every_tool_types_each_argument_lists_enum_values_and_date_formats_and_names_what_is_required()
    {
        await using var mcp = await Agent();
        var tools = (await mcp.ListToolsAsync()).ToDictionary(t => t.Name);
        Assert.Equal(Methods.Keys.Order(), tools.Keys.Order());

        foreach (var (name, method) in Methods)
        {
            var schema = tools[name].JsonSchema;
            var properties = schema.GetProperty("properties");
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
            foreach (var parameter in Arguments(method))
            {
                var property = properties.GetProperty(parameter.Name!);
                Assert.True(property.TryGetProperty("type", out _), $"{name}.{parameter.Name} has no type: {property}");
                Assert.Equal(!parameter.HasDefaultValue, required.Contains(parameter.Name));
                var type = Bare(parameter.ParameterType);
                if (type.IsEnum)
                    Assert.Equal(Enum.GetValues(type).Cast<object>().Select(Kebab), property.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                if (type == typeof(DateOnly)) Assert.Equal("date", property.GetProperty("format").GetString());
            }
        }

        var severity = tools["report_blocker"].JsonSchema.GetProperty("properties").GetProperty("severity");
        Assert.Equal("""{"description":"low, medium, high or critical","type":"string","enum":["low","medium","high","critical"]}""", severity.GetRawText());
        Assert.Equal(["experiment", "release"], tools["declare_work_item"].JsonSchema.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>A value of the right type for each parameter (the studio may still refuse it: only its shape matters here).</summary>
    private static object? Valid(Type type)
    {
        type = Bare(type);
        return type switch
        {
            _ when type.IsEnum => Kebab(Enum.GetValues(type).GetValue(0)!),
            _ when type == typeof(string) => "x",
            _ when type == typeof(bool) => true,
            _ when type == typeof(int) || type == typeof(long) => 1,
            _ when type == typeof(double) || type == typeof(decimal) => 0.5,
            _ when type == typeof(DateOnly) => "2026-12-01",
            _ when type.IsArray => Array.Empty<object>(),
            _ => throw new InvalidOperationException($"no sample for {type}"),
        };
    }

    /// <summary>Values of the wrong shape for a parameter, and what the refusal must say.</summary>
    private static IEnumerable<(object? Value, string Reason)> Wrong(Type type)
    {
        type = Bare(type);
        if (type.IsEnum) return [("nonsense", "'nonsense' is not one of"), (7, "is not one of")];
        if (type == typeof(string)) return [(new { x = 1 }, "must be a string"), (42, "must be a string")];
        if (type == typeof(bool)) return [("yes", "must be true or false")];
        if (type == typeof(int) || type == typeof(long)) return [("many", "must be a whole number"), (1.5, "must be a whole number")];
        if (type == typeof(double) || type == typeof(decimal)) return [("likely", "must be a number")];
        if (type == typeof(DateOnly)) return [("next week", "must be a date, YYYY-MM-DD"), ("2026-13-45", "must be a date, YYYY-MM-DD")];
        if (type.IsArray) return [("x", "must be a list")];
        throw new InvalidOperationException($"no wrong value for {type}");
    }

    [Fact]
    public async Task A_corpus_of_bad_arguments_for_every_tool_is_refused_naming_the_argument()
    {
        var calls = 0;
        foreach (var (name, method) in Methods)
        {
            await using var mcp = await Agent(); // a credential per tool: the gateway's rate limit is per credential
            var parameters = Arguments(method).ToList();
            Dictionary<string, object?> Baseline() => parameters.ToDictionary(p => p.Name!, p => Valid(p.ParameterType));

            async Task Refused(Dictionary<string, object?> arguments, string field, string reason)
            {
                var result = await mcp.CallToolAsync(name, arguments);
                var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
                Assert.True(result.IsError is true, $"{name} with {JsonSerializer.Serialize(arguments)} was not refused: {text}");
                Assert.StartsWith($"refused: {field}: ", text, StringComparison.Ordinal);
                Assert.Contains(reason, text, StringComparison.Ordinal);
                calls++;
            }

            await Refused(new Dictionary<string, object?>(Baseline()) { ["bogus"] = 1 }, "bogus", $"is not an argument of {name}");
            foreach (var parameter in parameters)
            {
                if (!parameter.HasDefaultValue)
                {
                    var missing = Baseline();
                    missing.Remove(parameter.Name!);
                    await Refused(missing, parameter.Name!, "is required");
                }

                foreach (var (value, reason) in Wrong(parameter.ParameterType))
                    await Refused(new Dictionary<string, object?>(Baseline()) { [parameter.Name!] = value }, parameter.Name!, reason);
            }
        }

        Assert.True(calls > 60, $"{calls} bad calls");
    }
}
