using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Orchestration.Client.AI;

/// <summary>
/// An agent's side of the studio as <see cref="AIFunction"/>s for an <c>IChatClient</c> or the Microsoft Agent
/// Framework:
/// <code>
/// var studio = StudioClient.Create(services, "default").As(agentCredential);   // the agent's own credential
/// var tools = StudioFunctions.ForAgent(studio, "tracker-7");
/// var answer = await chat.GetResponseAsync(messages, new ChatOptions { Tools = [.. tools] });
/// </code>
/// Every function is bound to that agent: none takes an agent id, and the silo checks the credential on every call,
/// so a model cannot act as another agent. Arguments are checked before a function runs and refusals (a bad
/// argument, a studio rule, a call the credential may not make) come back to the model as <c>refused: field:
/// reason</c> or <c>not permitted: …</c>, text it can act on, never an exception.
/// </summary>
public static class StudioFunctions
{
    /// <summary>Enums as the HTTP API and MCP write them ("technical-debt"), dates as YYYY-MM-DD.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The functions' names, in the order <see cref="ForAgent"/> returns them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["report_blocker", "report_risk", "declare_work_item", "read_inbox", "acknowledge_decision", "respond_to_handoff", "get_strategy", "get_conflict"];

    public static IReadOnlyList<AIFunction> ForAgent(StudioClient studio, string agentId)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var tools = new AgentTools(studio, agentId);
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
