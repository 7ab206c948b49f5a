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
    MetricsReport Metrics);
