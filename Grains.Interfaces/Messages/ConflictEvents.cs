using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Messages;

[GenerateSerializer, Immutable, Alias("orch.WorkItemDeclared")]
public sealed record WorkItemDeclared(string StudioId, long Sequence, DateTimeOffset At, string Summary, WorkItem Item, WorkItem? Previous)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>A strategic-conflict escalation is raised (48 h SLA).</summary>
[GenerateSerializer, Immutable, Alias("orch.ConflictRaised")]
public sealed record ConflictRaised(string StudioId, long Sequence, DateTimeOffset At, string Summary, Conflict Conflict)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.DecisionHeld")]
public sealed record DecisionHeld(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ConflictId, string Because)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <param name="Chosen">The option chosen, with its cost and business impact as assessed (journals from before it was recorded lack it).</param>
/// <param name="IssuedTo">The agents the decision was sent to, each of which acknowledges it (journals from before it was recorded lack it).</param>
[GenerateSerializer, Immutable, Alias("orch.DecisionRecorded")]
public sealed record DecisionRecorded(string StudioId, long Sequence, DateTimeOffset At, string Summary, Decision Decision, ResolutionOption? Chosen = null,
    IReadOnlyList<string>? IssuedTo = null)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>A conflict left the active set: resolved (every agent applied the decision) or superseded.</summary>
[GenerateSerializer, Immutable, Alias("orch.ConflictClosed")]
public sealed record ConflictClosed(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ConflictId, ConflictStatus Status)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>An undecided conflict whose cause is gone (the slip was taken back, the dependency dropped) is withdrawn:
/// closed without a decision, its escalation resolved, its agents told.</summary>
[GenerateSerializer, Immutable, Alias("orch.ConflictWithdrawn")]
public sealed record ConflictWithdrawn(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ConflictId, string Because)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.ActionItemFlagged")]
public sealed record ActionItemFlagged(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ConflictId, ActionItem ActionItem)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.HandoffOffered")]
public sealed record HandoffOffered(string StudioId, long Sequence, DateTimeOffset At, string Summary, HandoffOffer Offer)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.HandoffSettled")]
public sealed record HandoffSettled(string StudioId, long Sequence, DateTimeOffset At, string Summary, HandoffRecord Handoff)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>An involved agent applied its action items of a decision.</summary>
[GenerateSerializer, Immutable, Alias("orch.DecisionAcknowledged")]
public sealed record DecisionAcknowledged(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ConflictId, string DecisionId, string AgentId)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>Agents acknowledged a decision but their work items still do not show it, past the time allowed: the
/// conflict waits for a human, and an escalation names them.</summary>
[GenerateSerializer, Immutable, Alias("orch.DecisionUnapplied")]
public sealed record DecisionUnapplied(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ConflictId, string DecisionId,
    IReadOnlyList<string> AgentIds, string Because)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>An undecided conflict's facts changed (its prerequisite moved again): it is assessed afresh.</summary>
[GenerateSerializer, Immutable, Alias("orch.ConflictReassessed")]
public sealed record ConflictReassessed(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ConflictId, int SlipDays)
    : StudioEvent(StudioId, Sequence, At, Summary);
