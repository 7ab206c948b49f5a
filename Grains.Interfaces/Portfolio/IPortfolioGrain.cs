using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Producer;
using Orleans.Concurrency;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Portfolio;

/// <summary>
/// The studio's portfolio (key: studio id): projects and their health reviews and interventions, OKRs and
/// initiatives, every metric of the seed, and the briefings the weekly sync and the stakeholder update draw on.
/// </summary>
[ScopedBy(StudioScope.Studio)]
[Alias("orch.IPortfolioGrain")]
public interface IPortfolioGrain : IGrainWithStringKey
{
    [CallableBy(Callers.Operators)]
    [Alias("DeclareProject")]
    Task<Project> DeclareProject(ProjectDeclaration project);

    /// <summary>An owning agent reports its project's status (green, yellow, red) with the reason.</summary>
    [CallableBy(Callers.Agents)]
    [ActsAs("report.AgentId", Agent = true)]
    [Alias("ReportProjectStatus")]
    Task<Project> ReportProjectStatus(StatusReport report);

    /// <summary>Reviews every project due on its cadence; a reminder runs it (daily ticks, weekly reviews by default).</summary>
    [CallableBy(Callers.Operators)]
    [Alias("RunHealthReview")]
    Task<HealthReviewResult> RunHealthReview();

    /// <summary>Logs an issue the agent cleared itself: counted, not escalated (escalation by exception).</summary>
    [CallableBy(Callers.Agents)]
    [ActsAs("issue.AgentId", Agent = true)]
    [Alias("LogResolvedIssue")]
    Task LogResolvedIssue(ResolvedIssue issue);

    [CallableBy(Callers.Operators)]
    [Alias("SetObjective")]
    Task<Objective> SetObjective(Objective objective);

    [CallableBy(Callers.Agents | Callers.Operators)]
    [Alias("UpdateKeyResult")]
    Task<Objective> UpdateKeyResult(KeyResultUpdate update);

    /// <summary>Mid-quarter adjustment of key result targets, recorded with who and why.</summary>
    [CallableBy(Callers.Operators)]
    [ActsAs("adjustment.By")]
    [Alias("AdjustObjective")]
    Task<Objective> AdjustObjective(ObjectiveAdjustment adjustment);

    /// <summary>End-of-quarter retrospective: scores every objective of the quarter and records what to keep and change.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("CloseQuarter")]
    Task<Retrospective> CloseQuarter(QuarterClose close);

    [CallableBy(Callers.Operators)]
    [Alias("DeclareInitiative")]
    Task<Initiative> DeclareInitiative(Initiative initiative);

    /// <summary>A value for a metric that comes from outside (revenue impact, user growth, NPS, satisfaction, meeting efficiency).</summary>
    [CallableBy(Callers.Agents | Callers.Operators)]
    [ActsAs("sample.Source")]
    [Alias("ReportMetricSample")]
    Task ReportMetricSample(MetricSample sample);

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetProjects")]
    Task<IReadOnlyList<Project>> GetProjects();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetObjectives")]
    Task<IReadOnlyList<Objective>> GetObjectives();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetInitiatives")]
    Task<IReadOnlyList<Initiative>> GetInitiatives();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetRetrospectives")]
    Task<IReadOnlyList<Retrospective>> GetRetrospectives();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetMetrics")]
    Task<MetricsReport> GetMetrics();

    /// <summary>What the weekly sync, the stakeholder update and the portfolio table draw on, over the last <paramref name="periodDays"/> days.</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetBriefing")]
    Task<StudioBriefing> GetBriefing(int periodDays);
}
