namespace Orchestration.Grains.Interfaces.Escalations;

/// <summary>The seed's escalation classes, each with its response SLA.</summary>
[GenerateSerializer, Alias("orch.EscalationClass")]
public enum EscalationClass
{
    /// <summary>Agent blocker: assess, prioritise, assign within 4 hours.</summary>
    AgentBlocker = 1,

    /// <summary>Stakeholder request: acknowledge, scope, schedule within 24 hours.</summary>
    StakeholderRequest = 2,

    /// <summary>Strategic conflict: decide within 48 hours.</summary>
    StrategicConflict = 3,

    /// <summary>Critical incident: war room at once (acknowledged within minutes).</summary>
    CriticalIncident = 4,
}

[GenerateSerializer, Alias("orch.EscalationStatus")]
public enum EscalationStatus
{
    Raised = 1,
    Acknowledged = 2,
    Decided = 3,
    Resolved = 4,
}

/// <summary>An SLA missed: what was due, when the miss was detected, and the level it was at (one per miss).</summary>
[GenerateSerializer, Immutable, Alias("orch.SlaBreach")]
public sealed record SlaBreach(DateTimeOffset DueAt, DateTimeOffset DetectedAt, int Level);

/// <summary>
/// One escalation through its lifecycle (raised → acknowledged → decided → resolved). <see cref="DueAt"/> is when
/// the response its class promises is due: acknowledgement for blockers, requests and incidents, a decision for
/// strategic conflicts; it never moves, so a late escalation reads as overdue. A miss is one breach; while it stays
/// unanswered it climbs a bounded ladder (<see cref="Level"/> 2, 3, …), each step telling <see cref="EscalatedTo"/>,
/// the next at <see cref="NextStepAt"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.Escalation")]
public sealed record Escalation(
    string EscalationId,
    EscalationClass Class,
    string SourceId,
    string? ProjectId,
    string Summary,
    string RaisedBy,
    DateTimeOffset RaisedAt,
    DateTimeOffset DueAt,
    EscalationStatus Status,
    int Level = 1,
    IReadOnlyList<SlaBreach>? Breaches = null,
    string? AcknowledgedBy = null,
    string? Assignee = null,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? DecidedAt = null,
    DateTimeOffset? ResolvedAt = null,
    string? Resolution = null,
    string? EscalatedTo = null,
    DateTimeOffset? NextStepAt = null)
{
    /// <summary>The response its class promises was given: a decision for strategic conflicts, an acknowledgement for the others.</summary>
    public bool Responded => Class == EscalationClass.StrategicConflict ? DecidedAt is not null : AcknowledgedAt is not null;

    /// <summary>Its SLA was missed (once, however long it then stays unanswered).</summary>
    public bool Breached => Breaches is { Count: > 0 };
}

/// <summary>A stakeholder asks the Producer for something (24 h SLA).</summary>
[GenerateSerializer, Immutable, Alias("orch.StakeholderRequest")]
public sealed record StakeholderRequest(string RequestId, string Stakeholder, string Summary, string? ProjectId = null);

/// <summary>Someone takes an escalation on: who, and who will resolve it.</summary>
[GenerateSerializer, Immutable, Alias("orch.EscalationAcknowledgement")]
public sealed record EscalationAcknowledgement(string EscalationId, string By, string Assignee);

/// <summary>Closes a stakeholder request or an incident (blockers close with their report, conflicts with their decision).</summary>
[GenerateSerializer, Immutable, Alias("orch.EscalationResolution")]
public sealed record EscalationResolution(string EscalationId, string By, string Resolution);

/// <summary>An issue an agent hit and cleared itself: logged, not escalated (escalation by exception).</summary>
[GenerateSerializer, Immutable, Alias("orch.ResolvedIssue")]
public sealed record ResolvedIssue(string IssueId, string AgentId, string ProjectId, string Category, string Summary, string Resolution);
