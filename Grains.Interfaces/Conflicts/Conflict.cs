
namespace Orchestration.Grains.Interfaces.Conflicts;

[GenerateSerializer, Alias("orch.ConflictStatus")]
public enum ConflictStatus
{
    /// <summary>Raised; waiting for a conflict upstream on its path to be decided first.</summary>
    Open = 1,

    /// <summary>The policy held it for a human: the strategy says so, or the best options are too close to call.</summary>
    PendingDecision = 2,

    Decided = 3,

    /// <summary>Every involved agent acknowledged the decision and applied it.</summary>
    Resolved = 4,

    /// <summary>An upstream decision kept the date this conflict was about: nothing left to decide.</summary>
    Superseded = 5,

    /// <summary>Its cause is gone before it was decided (the slip was taken back, the dependency dropped): never decided.</summary>
    Withdrawn = 6,
}

/// <summary>
/// A strategic-conflict escalation (48 h SLA): <see cref="ImpactedItemId"/> would be <see cref="SlipDays"/> days late for
/// what it needs, as late as its worst path, whose last prerequisite is <see cref="ViaItemId"/>; <see cref="Path"/> runs
/// along that path from the cause (work on time itself) to the impacted item. <see cref="TriggerItemId"/> is the
/// change that raised it. A decision held for a human names the option the
/// policy recommends (<see cref="RecommendedOptionId"/>). A conflict decided again (overridden, or reopened because the
/// decision no longer kept its item on time) lists the decisions it replaced (<see cref="EarlierDecisionIds"/>): a late
/// acknowledgement of one of them is answered, not refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.Conflict")]
public sealed record Conflict(
    string ConflictId,
    string StudioId,
    string TriggerItemId,
    string ViaItemId,
    string ImpactedItemId,
    IReadOnlyList<string> Path,
    int SlipDays,
    string PrerequisiteAgentId,
    string ImpactedAgentId,
    string Reason,
    DateTimeOffset RaisedAt,
    DateTimeOffset SlaDue,
    ConflictStatus Status,
    IReadOnlyList<ResolutionOption> Options,
    string? HeldBecause = null,
    Decision? Decision = null,
    IReadOnlyDictionary<string, DateTimeOffset>? Acknowledgements = null,
    string? SupersededBecause = null,
    string? WithdrawnBecause = null,
    string? RecommendedOptionId = null,
    IReadOnlyList<string>? EarlierDecisionIds = null)
{
    public IReadOnlyList<string> Agents => PrerequisiteAgentId == ImpactedAgentId ? [PrerequisiteAgentId] : [PrerequisiteAgentId, ImpactedAgentId];
}
