using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

/// <summary>An A/B test the Experiment Tracker runs. Tags let the studio's priorities rank it (a theme, a goal).</summary>
/// <param name="SampleSizeNeeded">The sample its planned statistical power needs.</param>
/// <param name="RevenueAtStake">The revenue its result decides on.</param>
/// <param name="DependsOn">Work items of other agents it needs first (a release that must be live).</param>
[GenerateSerializer, Immutable, Alias("orch.ExperimentPlan")]
public sealed record ExperimentPlan(
    string ExperimentId,
    string ProjectId,
    string Hypothesis,
    DateOnly Start,
    DateOnly PlannedEnd,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string>? Variants = null,
    int SampleSizeNeeded = 0,
    decimal RevenueAtStake = 0,
    IReadOnlyList<Dependency>? DependsOn = null);
