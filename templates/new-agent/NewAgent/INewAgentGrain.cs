using Orchestration.Grains.Interfaces.Agents;

namespace NewAgent;

/// <summary>What the agent kind offers beyond every agent's contract (join, snapshot, strategy, inbox).</summary>
[Alias("NewAgent.INewAgentGrain")]
public interface INewAgentGrain : IAgentGrain
{
    /// <summary>The top priority of the strategy in force, as this agent applied it.</summary>
    [Alias("GetFocus")]
    Task<string?> GetFocus();

    /// <summary>How many of its own reports the Producer has acknowledged.</summary>
    [Alias("GetAcknowledgements")]
    Task<int> GetAcknowledgements();
}
