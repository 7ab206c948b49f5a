using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Producer;

/// <summary>One agent at the weekly sync: its load against its capacity, and what it has open.</summary>
[GenerateSerializer, Immutable, Alias("orch.AgentBrief")]
public sealed record AgentBrief(string AgentId, string Kind, string DisplayName, int Capacity, int ActiveItems, double Utilization, int OpenBlockers, IReadOnlyList<string> Projects);

/// <summary>One project in the portfolio table: status now and a week ago, and its open escalations.</summary>
[GenerateSerializer, Immutable, Alias("orch.ProjectBrief")]
public sealed record ProjectBrief(
    string ProjectId, string Name, ProjectStatus Status, ProjectStatus? LastWeek, string Reason, ReviewCadence Cadence, IReadOnlyList<Escalation> OpenEscalations,
    IReadOnlyList<string>? DecisionsThisPeriod = null);

/// <summary>A milestone due soon, and its project.</summary>
[GenerateSerializer, Immutable, Alias("orch.UpcomingMilestone")]
public sealed record UpcomingMilestone(string ProjectId, string ProjectName, Milestone Milestone);

/// <summary>A project's status moved within the period: from what (null when no earlier status is known), to what, why.</summary>
[GenerateSerializer, Immutable, Alias("orch.StatusChange")]
public sealed record StatusChange(string ProjectId, string ProjectName, ProjectStatus? From, ProjectStatus To, string Reason, string? ReportedBy, DateTimeOffset At);

/// <summary>A decision of the period with what the option chosen costs, as assessed when it was taken.</summary>
[GenerateSerializer, Immutable, Alias("orch.DecisionBrief")]
public sealed record DecisionBrief(Decision Decision, string? ProjectId, string? ChosenSummary, BusinessImpact? Impact);

/// <summary>An escalation whose SLA was missed within the period.</summary>
[GenerateSerializer, Immutable, Alias("orch.BreachBrief")]
public sealed record BreachBrief(Escalation Escalation, SlaBreach Breach);

/// <summary>An intervention started, progressed or ended (the project recovered) within the period.</summary>
[GenerateSerializer, Immutable, Alias("orch.InterventionBrief")]
public sealed record InterventionBrief(string ProjectId, string ProjectName, Intervention Intervention, DateTimeOffset At);

/// <summary>
/// Everything the seed's meetings and reports draw on, as of <see cref="At"/>, for the period that started at
/// <see cref="PeriodStart"/> (a week for the sync, two for the stakeholder update).
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.StudioBriefing")]
public sealed record StudioBriefing(
    string StudioId,
    DateTimeOffset At,
    DateTimeOffset PeriodStart,
    IReadOnlyList<AgentBrief> Agents,
    IReadOnlyList<ProjectBrief> Projects,
    IReadOnlyList<WorkItem> Dependencies,
    IReadOnlyList<Conflict> ActiveConflicts,
    IReadOnlyList<Escalation> OpenEscalations,
    IReadOnlyList<Conflict> PendingDecisions,
    IReadOnlyList<Decision> DecisionsThisPeriod,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<CompletedWork> Wins,
    IReadOnlyList<HandoffRecord> HandoffsThisPeriod,
    IReadOnlyList<string> Learnings,
    IReadOnlyList<ReportRecord> OpenRisks,
    IReadOnlyList<UpcomingMilestone> UpcomingMilestones,
    IReadOnlyList<SystemicIssue> SystemicIssues,
    MetricsReport Metrics,
    IReadOnlyList<DecisionBrief>? Decided = null,
    IReadOnlyList<StatusChange>? StatusChanges = null,
    IReadOnlyList<BreachBrief>? Breaches = null,
    IReadOnlyList<InterventionBrief>? Interventions = null,
    string Currency = "USD");
