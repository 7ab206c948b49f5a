using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestration.Grains.Telemetry;

namespace Orchestration.LlmAgents;

/// <summary>
/// The LLM agents on the Orchestration meter and source: tokens by studio, model and type (input, output — the GenAI
/// conventions' <c>gen_ai.token.type</c>), reactions by outcome, and an <c>invoke_agent</c> span around each
/// message's conversation (the chat client's own <c>chat</c> spans and the <c>execute_tool</c> spans nest in it).
/// </summary>
internal static class LlmAgentsTelemetry
{
    private static readonly Counter<long> Tokens = OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.llm.tokens", "{token}", "Tokens the LLM agents' models used, by studio, model and type (input, output)");
    private static readonly Counter<long> Reactions = OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.llm.reactions", "{attempt}", "LLM agents' reactions to a message, by studio and outcome (applied, failed, dead_lettered)");
    private static readonly Counter<long> FunctionCalls = OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.llm.function_calls", "{call}", "Function calls the LLM agents' models made, by studio");

    public static Activity? StartInvokeAgent(string studioId, string agentId, string messageType, string? model)
    {
        var span = OrchestrationTelemetry.Source.StartActivity($"invoke_agent {agentId}", ActivityKind.Internal);
        span?.SetTag("gen_ai.operation.name", "invoke_agent");
        span?.SetTag("gen_ai.agent.id", agentId);
        span?.SetTag("gen_ai.agent.name", agentId);
        span?.SetTag("gen_ai.request.model", model);
        span?.SetTag("orchestration.studio", studioId);
        span?.SetTag("orchestration.message.type", messageType);
        return span;
    }

    public static void Used(string studioId, string model, long input, long output, int calls)
    {
        Tokens.Add(input, new TagList { { "studio", studioId }, { "gen_ai.request.model", model }, { "gen_ai.token.type", "input" } });
        Tokens.Add(output, new TagList { { "studio", studioId }, { "gen_ai.request.model", model }, { "gen_ai.token.type", "output" } });
        FunctionCalls.Add(calls, new TagList { { "studio", studioId } });
    }

    public static void Outcome(string studioId, string outcome) => Reactions.Add(1, new TagList { { "studio", studioId }, { "outcome", outcome } });
}
