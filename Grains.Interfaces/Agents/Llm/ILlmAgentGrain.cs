using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Agents.Llm;

/// <summary>
/// An agent whose reactions to its inbox (a decision to apply, a handoff to answer) a chat model decides, with the
/// studio's AI functions and within the operator's limits (key: agent id). A message is kept until its reaction is
/// applied whole; a model that fails, times out or breaks a limit leaves everything unchanged and the message is tried
/// again later, then dead-lettered for a person to look at.
/// </summary>
[ScopedBy(StudioScope.Agent)]
[Alias("orch.ILlmAgentGrain")]
public interface ILlmAgentGrain : IAgentGrain
{
    /// <summary>What the model did with each message, what waits for another attempt, what was given up on.</summary>
    [CallableBy(Callers.Anyone)]
    [Alias("GetReactions")]
    Task<LlmAgentReport> GetReactions();

    /// <summary>Takes a dead-lettered message back for a fresh series of attempts (after the model or its limits
    /// were fixed).</summary>
    [CallableBy(Callers.Operators)]
    [Alias("Retry")]
    Task<PendingReaction> Retry(string messageId);

    /// <summary>Reacts to every message whose attempt is due on the studio clock; returns how many were applied. A silo
    /// runs it on timers; the simulator calls it on virtual time.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("Tick")]
    Task<int> Tick();
}
