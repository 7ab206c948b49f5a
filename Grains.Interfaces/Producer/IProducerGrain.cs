using Orleans.Concurrency;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Producer;

/// <summary>
/// The Studio Producer (key: studio id): the single source of truth for the studio's agents, open blockers and risks,
/// and strategy. Agents call it; it answers them only through streams (the strategy stream, each agent's inbox),
/// so no grain call ever goes back down to an agent. Every change is persisted before it is acknowledged and then
/// published as a <see cref="Messages.StudioEvent"/> on the studio's event stream.
/// </summary>
[Alias("orch.IProducerGrain")]
public interface IProducerGrain : IGrainWithStringKey
{
    [Alias("RegisterAgent")]
    Task<RegistrationReceipt> RegisterAgent(AgentRegistration registration);

    [Alias("ReportBlocker")]
    Task<ReportReceipt> ReportBlocker(BlockerReport report);

    [Alias("ReportRisk")]
    Task<ReportReceipt> ReportRisk(RiskReport report);

    [Alias("ResolveReport")]
    Task<ReportRecord> ResolveReport(ResolveReport request);

    [Alias("PublishStrategy")]
    Task<StudioStrategy> PublishStrategy(StrategyChange change);

    /// <summary>Records an agent's work item (new, or new dates) and raises the conflicts it creates along the
    /// dependency graph; the strategy's policy decides each, or holds it for a human.</summary>
    [Alias("DeclareWorkItem")]
    Task<WorkItemReceipt> DeclareWorkItem(WorkItem item, string reason);

    [Alias("ApproveDecision")]
    Task<Conflict> ApproveDecision(ApproveDecision request);

    [Alias("OverrideDecision")]
    Task<Conflict> OverrideDecision(OverrideDecision request);

    [Alias("AcknowledgeDecision")]
    Task<Conflict> AcknowledgeDecision(DecisionAcknowledgement acknowledgement);

    /// <summary>Flags action items past their due date and tells their agents. A reminder runs it periodically.</summary>
    [Alias("FollowUpActionItems")]
    Task<IReadOnlyList<ActionItem>> FollowUpActionItems();

    [Alias("OfferHandoff")]
    Task<HandoffRecord> OfferHandoff(HandoffOffer offer);

    [Alias("RespondToHandoff")]
    Task<HandoffRecord> RespondToHandoff(HandoffResponse response);

    // ---- portfolio: projects, health, escalations, OKRs, metrics ----

    [Alias("DeclareProject")]
    Task<Project> DeclareProject(ProjectDeclaration project);

    /// <summary>An owning agent reports its project's status (green, yellow, red) with the reason.</summary>
    [Alias("ReportProjectStatus")]
    Task<Project> ReportProjectStatus(StatusReport report);

    /// <summary>Reviews every project due on its cadence; a reminder runs it (daily ticks, weekly reviews by default).</summary>
    [Alias("RunHealthReview")]
    Task<HealthReviewResult> RunHealthReview();

    /// <summary>The owner finished a work item (a release shipped, an experiment concluded).</summary>
    [Alias("CompleteWorkItem")]
    Task<CompletedWork> CompleteWorkItem(WorkItemCompletion completion);

    /// <summary>Logs an issue the agent cleared itself: counted, not escalated (escalation by exception).</summary>
    [Alias("LogResolvedIssue")]
    Task LogResolvedIssue(ResolvedIssue issue);

    [Alias("RaiseStakeholderRequest")]
    Task<Escalation> RaiseStakeholderRequest(StakeholderRequest request);

    [Alias("AcknowledgeEscalation")]
    Task<Escalation> AcknowledgeEscalation(EscalationAcknowledgement request);

    [Alias("ResolveEscalation")]
    Task<Escalation> ResolveEscalation(EscalationResolution request);

    /// <summary>Records a breach for every escalation past its SLA and re-escalates it; a reminder runs it.</summary>
    [Alias("CheckEscalationSlas")]
    Task<IReadOnlyList<Escalation>> CheckEscalationSlas();

    [Alias("SetObjective")]
    Task<Objective> SetObjective(Objective objective);

    [Alias("UpdateKeyResult")]
    Task<Objective> UpdateKeyResult(KeyResultUpdate update);

    /// <summary>Mid-quarter adjustment of key result targets, recorded with who and why.</summary>
    [Alias("AdjustObjective")]
    Task<Objective> AdjustObjective(ObjectiveAdjustment adjustment);

    /// <summary>End-of-quarter retrospective: scores every objective of the quarter and records what to keep and change.</summary>
    [Alias("CloseQuarter")]
    Task<Retrospective> CloseQuarter(QuarterClose close);

    [Alias("DeclareInitiative")]
    Task<Initiative> DeclareInitiative(Initiative initiative);

    /// <summary>A value for a metric that comes from outside (revenue impact, user growth, NPS, satisfaction, meeting efficiency).</summary>
    [Alias("ReportMetricSample")]
    Task ReportMetricSample(MetricSample sample);

    // Queries are [ReadOnly]: they may interleave with each other, never with a change.

    [ReadOnly, Alias("GetAgents")]
    Task<IReadOnlyList<AgentProfile>> GetAgents();

    [ReadOnly, Alias("GetOpenReports")]
    Task<IReadOnlyList<ReportRecord>> GetOpenReports();

    [ReadOnly, Alias("GetReport")]
    Task<ReportRecord?> GetReport(string reportId);

    [ReadOnly, Alias("GetStrategy")]
    Task<StudioStrategy?> GetStrategy();

    [ReadOnly, Alias("GetWorkItems")]
    Task<IReadOnlyList<WorkItem>> GetWorkItems();

    /// <summary>Active conflicts and the most recently closed, newest first.</summary>
    [ReadOnly, Alias("GetConflicts")]
    Task<IReadOnlyList<Conflict>> GetConflicts();

    [ReadOnly, Alias("GetConflict")]
    Task<Conflict?> GetConflict(string conflictId);

    [ReadOnly, Alias("GetPendingDecisions")]
    Task<IReadOnlyList<Conflict>> GetPendingDecisions();

    /// <summary>Every decision in force, oldest first: chosen option, rationale, rejected options, mitigation, action items.</summary>
    [ReadOnly, Alias("GetDecisionLog")]
    Task<IReadOnlyList<Decision>> GetDecisionLog();

    [ReadOnly, Alias("GetHandoffs")]
    Task<IReadOnlyList<HandoffRecord>> GetHandoffs();

    [ReadOnly, Alias("GetProjects")]
    Task<IReadOnlyList<Project>> GetProjects();

    /// <summary>Open escalations and the most recently resolved, newest first.</summary>
    [ReadOnly, Alias("GetEscalations")]
    Task<IReadOnlyList<Escalation>> GetEscalations();

    [ReadOnly, Alias("GetObjectives")]
    Task<IReadOnlyList<Objective>> GetObjectives();

    [ReadOnly, Alias("GetInitiatives")]
    Task<IReadOnlyList<Initiative>> GetInitiatives();

    [ReadOnly, Alias("GetRetrospectives")]
    Task<IReadOnlyList<Retrospective>> GetRetrospectives();

    [ReadOnly, Alias("GetMetrics")]
    Task<MetricsReport> GetMetrics();

    /// <summary>What the weekly sync, the stakeholder update and the portfolio table draw on, over the last <paramref name="periodDays"/> days.</summary>
    [ReadOnly, Alias("GetBriefing")]
    Task<StudioBriefing> GetBriefing(int periodDays);

    [ReadOnly, Alias("GetOverview")]
    Task<StudioOverview> GetOverview();
}
