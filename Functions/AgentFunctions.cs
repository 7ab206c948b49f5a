using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Orchestration.Functions;

/// <summary>
/// An agent's side of the studio as <see cref="AIFunction"/>s, over any host's <see cref="IAgentStudio"/>: the
/// client library's (<c>StudioFunctions.ForAgent</c> in Orchestration.Client.AI, every call made at once with the
/// agent's credential) or the silo's LLM agent kind (which stages commands until the model's answer is complete).
/// Every function is bound to that agent: none takes an agent id. Arguments are checked before a function runs and
/// refusals (a bad argument, a studio rule, a call the caller may not make) come back to the model as <c>refused:
/// field: reason</c> or <c>not permitted: …</c>, text it can act on, never an exception.
/// </summary>
public static class AgentFunctions
{
    /// <summary>Enums as the HTTP API and MCP write them ("technical-debt"), dates as YYYY-MM-DD.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The functions' names, in the order <see cref="For"/> returns them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["report_blocker", "report_risk", "declare_work_item", "read_inbox", "acknowledge_decision", "respond_to_handoff", "get_strategy", "get_work_item", "get_conflict"];

    public static IReadOnlyList<AIFunction> For(IAgentStudio studio)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentException.ThrowIfNullOrWhiteSpace(studio.AgentId);
        var tools = new AgentTools(studio);
        return [.. Names.Select(name =>
        {
            var method = typeof(AgentTools).GetMethod(MethodName(name), BindingFlags.Public | BindingFlags.Instance)!;
            return (AIFunction)new Refusals(AIFunctionFactory.Create(method, tools, new AIFunctionFactoryOptions { Name = name, SerializerOptions = Json }), method);
        })];
    }

    /// <summary>report_blocker → ReportBlocker.</summary>
    private static string MethodName(string name) => string.Concat(name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        json.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        json.MakeReadOnly();
        return json;
    }
}
