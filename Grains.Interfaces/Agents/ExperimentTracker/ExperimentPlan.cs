namespace Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

/// <summary>An A/B test the Experiment Tracker runs. Tags let the studio's priorities rank it (a theme, a goal).</summary>
[GenerateSerializer, Immutable, Alias("orch.ExperimentPlan")]
public sealed record ExperimentPlan(
    string ExperimentId,
    string ProjectId,
    string Hypothesis,
    DateOnly Start,
    DateOnly PlannedEnd,
    IReadOnlyList<string> Tags);
