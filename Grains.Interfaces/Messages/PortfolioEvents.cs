using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Messages;

/// <param name="Declaration">The declaration as made (journals from before it was recorded lack it).</param>
[GenerateSerializer, Immutable, Alias("orch.ProjectDeclared")]
public sealed record ProjectDeclared(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ProjectId, string Name, ProjectDeclaration? Declaration = null)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <param name="AgentId">The agent that reported it (journals from before it was recorded lack it).</param>
[GenerateSerializer, Immutable, Alias("orch.ProjectStatusReported")]
public sealed record ProjectStatusReported(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ProjectId, ProjectStatus Status, string Reason, string? AgentId = null)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.HealthReviewed")]
public sealed record HealthReviewed(string StudioId, long Sequence, DateTimeOffset At, string Summary, HealthReviewResult Result)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.InterventionChanged")]
public sealed record InterventionChanged(string StudioId, long Sequence, DateTimeOffset At, string Summary, string ProjectId, Intervention Intervention)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.SystemicIssueFlagged")]
public sealed record SystemicIssueFlagged(string StudioId, long Sequence, DateTimeOffset At, string Summary, SystemicIssue Issue)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.EscalationRaised")]
public sealed record EscalationRaised(string StudioId, long Sequence, DateTimeOffset At, string Summary, Escalation Escalation)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>An escalation moved on in its lifecycle (acknowledged, decided, resolved).</summary>
[GenerateSerializer, Immutable, Alias("orch.EscalationChanged")]
public sealed record EscalationChanged(string StudioId, long Sequence, DateTimeOffset At, string Summary, Escalation Escalation)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>An escalation missed its SLA and was re-escalated one level up.</summary>
[GenerateSerializer, Immutable, Alias("orch.EscalationBreached")]
public sealed record EscalationBreached(string StudioId, long Sequence, DateTimeOffset At, string Summary, Escalation Escalation, SlaBreach Breach)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.IssueSelfResolved")]
public sealed record IssueSelfResolved(string StudioId, long Sequence, DateTimeOffset At, string Summary, ResolvedIssue Issue)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.ObjectiveChanged")]
public sealed record ObjectiveChanged(string StudioId, long Sequence, DateTimeOffset At, string Summary, Objective Objective)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.QuarterClosed")]
public sealed record QuarterClosed(string StudioId, long Sequence, DateTimeOffset At, string Summary, Retrospective Retrospective)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.InitiativeDeclared")]
public sealed record InitiativeDeclared(string StudioId, long Sequence, DateTimeOffset At, string Summary, Initiative Initiative)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.WorkItemCompleted")]
public sealed record WorkItemCompleted(string StudioId, long Sequence, DateTimeOffset At, string Summary, CompletedWork Work)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.MetricSampled")]
public sealed record MetricSampled(string StudioId, long Sequence, DateTimeOffset At, string Summary, MetricSample Sample)
    : StudioEvent(StudioId, Sequence, At, Summary);

/// <summary>To a project's owners: an intervention started (with its plan and daily check-ins) or ended.</summary>
[GenerateSerializer, Immutable, Alias("orch.InterventionDirective")]
public sealed record InterventionDirective(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    string ProjectId, Intervention Intervention, ReviewCadence Cadence)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary);
