namespace Orchestration.Grains.Interfaces.Conflicts;

/// <summary>An option not taken, and why.</summary>
[GenerateSerializer, Immutable, Alias("orch.RejectedOption")]
public sealed record RejectedOption(string OptionId, string Why);

/// <summary>A human replaced the decision's option: who, why, and what it was before.</summary>
[GenerateSerializer, Immutable, Alias("orch.DecisionOverride")]
public sealed record DecisionOverride(string By, string Why, string PreviousOptionId, DateTimeOffset At);

/// <summary>
/// The seed's "Decision / Rationale / Mitigation / Documentation": the option chosen, why, each option rejected and why,
/// the mitigation, and the action items per agent with due dates. <see cref="Velocity"/> is the time from the
/// escalation to this decision (the seed's decision velocity).
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.Decision")]
public sealed record Decision(
    string DecisionId,
    string ConflictId,
    string ChosenOptionId,
    ResolutionKind Chosen,
    string Rationale,
    IReadOnlyList<RejectedOption> Rejected,
    string Mitigation,
    IReadOnlyList<ActionItem> ActionItems,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    TimeSpan Velocity,
    DecisionOverride? Override = null);
