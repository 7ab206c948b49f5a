namespace Orchestration.Grains.Interfaces.Work;

/// <summary>
/// A unit of work an agent owns, as the Producer tracks it across agents: an experiment (start to planned end) or a
/// release (work start to committed date). Declaring it again with other dates is how an agent reports a change;
/// the Producer then looks for the conflicts the change creates along the dependency graph.
/// </summary>
/// <param name="RevenueAtStake">Experiments: the revenue the result decides on.</param>
/// <param name="SampleSizeNeeded">Experiments: the sample the planned statistical power needs.</param>
/// <param name="Commitments">Releases: what customers were promised about the date.</param>
/// <param name="Category">Feature work or technical debt (the technical debt ratio counts them).</param>
[GenerateSerializer, Immutable, Alias("orch.WorkItem")]
public sealed record WorkItem(
    string ItemId,
    WorkItemKind Kind,
    string OwnerAgentId,
    string ProjectId,
    string Title,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<Dependency> DependsOn,
    decimal RevenueAtStake = 0,
    int SampleSizeNeeded = 0,
    IReadOnlyList<CustomerCommitment>? Commitments = null,
    WorkCategory Category = WorkCategory.Feature)
{
    /// <summary>When this item needs its prerequisites ready.</summary>
    public DateOnly NeededBy => Kind == WorkItemKind.Experiment ? Start : End;

    /// <summary>When this item's result is available to the items that depend on it.</summary>
    public DateOnly ReadyAt => End;
}
