namespace Orchestration.Grains.Interfaces.Okrs;

/// <summary>A measurable key result: progress runs from <see cref="Baseline"/> to <see cref="Target"/>.</summary>
[GenerateSerializer, Immutable, Alias("orch.KeyResult")]
public sealed record KeyResult(string KeyResultId, string Description, double Baseline, double Target, double Current, string Unit)
{
    /// <summary>Share of the way from baseline to target, 0 to 1; works for targets below the baseline too.</summary>
    public double Progress => Math.Clamp((Current - Baseline) / (Target - Baseline), 0, 1);
}

/// <summary>A quarterly objective ("2026-Q4") with its key results.</summary>
[GenerateSerializer, Immutable, Alias("orch.Objective")]
public sealed record Objective(
    string ObjectiveId, string Quarter, string Title, IReadOnlyList<KeyResult> KeyResults,
    IReadOnlyList<string>? Adjustments = null, ObjectiveOutcome? Outcome = null)
{
    /// <summary>The mean progress of its key results (the closing score once the quarter is closed).</summary>
    public double Score => Outcome?.Score ?? (KeyResults.Count == 0 ? 0 : KeyResults.Average(k => k.Progress));
}

/// <summary>How an objective ended the quarter.</summary>
[GenerateSerializer, Immutable, Alias("orch.ObjectiveOutcome")]
public sealed record ObjectiveOutcome(double Score, bool Met, DateTimeOffset ClosedAt);

/// <summary>A new value for a key result. Idempotent by <see cref="UpdateId"/>.</summary>
[GenerateSerializer, Immutable, Alias("orch.KeyResultUpdate")]
public sealed record KeyResultUpdate(string UpdateId, string ObjectiveId, string KeyResultId, double Current);

/// <summary>Mid-quarter adjustment: new targets for key results, with the reason.</summary>
[GenerateSerializer, Immutable, Alias("orch.ObjectiveAdjustment")]
public sealed record ObjectiveAdjustment(string ObjectiveId, IReadOnlyDictionary<string, double> NewTargets, string Reason, string By);

/// <summary>End-of-quarter retrospective: each objective's score, what went well, what to change.</summary>
[GenerateSerializer, Immutable, Alias("orch.Retrospective")]
public sealed record Retrospective(
    string Quarter, IReadOnlyList<Objective> Objectives, double Achievement, IReadOnlyList<string> WentWell, IReadOnlyList<string> ToChange, DateTimeOffset ClosedAt);

/// <summary>Closes a quarter.</summary>
[GenerateSerializer, Immutable, Alias("orch.QuarterClose")]
public sealed record QuarterClose(string Quarter, IReadOnlyList<string> WentWell, IReadOnlyList<string> ToChange);

/// <summary>A strategic initiative: a business goal over a timeline, served by projects and their work items.</summary>
[GenerateSerializer, Immutable, Alias("orch.Initiative")]
public sealed record Initiative(
    string InitiativeId, string Goal, DateOnly Start, DateOnly End, string? ObjectiveId, IReadOnlyList<string> WorkItemIds);
