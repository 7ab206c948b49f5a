using Orchestration.Grains.Interfaces.Agents;

namespace Orchestration.Tests.Cluster.TestAgents;

/// <summary>An agent kind that exists only in the tests: proof that a new kind needs no change to the Producer.</summary>
[Alias("test.IQaReviewerGrain")]
public interface IQaReviewerGrain : IAgentGrain
{
    /// <summary>What the reviewer looks at first: the top priority of the strategy in force.</summary>
    [Alias("GetFocus")]
    Task<string?> GetFocus();

    /// <summary>How many acknowledgements of its own reports it has received.</summary>
    [Alias("GetAcknowledgements")]
    Task<int> GetAcknowledgements();
}
