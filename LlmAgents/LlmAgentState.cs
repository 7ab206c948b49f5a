using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Agents.Llm;

namespace Orchestration.LlmAgents;

/// <summary>An LLM agent's state: what every agent keeps, and its reactions — waiting, applied, given up on.</summary>
[GenerateSerializer, Alias("orch.LlmAgentState")]
public sealed class LlmAgentState : AgentState
{
    public const int AppliedKept = 200;

    /// <summary>Messages the model has still to react to, oldest first. A message is here from the write that marks
    /// it received until the write that records its reaction applied (or dead-lettered): it cannot be lost between.</summary>
    [Id(0)] public List<PendingReaction> Pending { get; set; } = [];

    [Id(1)] public List<PendingReaction> DeadLetters { get; set; } = [];

    [Id(2)] public List<LlmReaction> Applied { get; set; } = [];
}
