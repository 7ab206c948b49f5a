using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orleans.Concurrency;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Producer;

/// <summary>
/// The Studio Producer (key: studio id), the orchestrator of the design card: the studio's agents, their blocker and
/// risk reports, the strategy it broadcasts, and the handoffs it tracks between agents. Agents call it; it answers
/// them only through streams (the strategy stream, each agent's inbox), so no grain call ever goes back down to an
/// agent. Every change is persisted before it is acknowledged, stored in the studio's journal, then published as a
/// <see cref="Messages.StudioEvent"/> on the studio's event stream. The studio's other desks, keyed by the same
/// studio id: <see cref="Work.IWorkGraphGrain"/> (work items, conflicts, decisions),
/// <see cref="Portfolio.IPortfolioGrain"/> (projects, health, OKRs, metrics, reports),
/// <see cref="Escalations.IEscalationsGrain"/> (escalations and their SLAs), and the journal
/// (<see cref="Journal.IStudioJournalGrain"/>).
/// </summary>
[ScopedBy(StudioScope.Studio)]
[Alias("orch.IProducerGrain")]
public interface IProducerGrain : IGrainWithStringKey
{
    [CallableBy(Callers.Agents)]
    [ActsAs("registration.AgentId", Agent = true)]
    [Alias("RegisterAgent")]
    Task<RegistrationReceipt> RegisterAgent(AgentRegistration registration);

    [CallableBy(Callers.Agents)]
    [ActsAs("report.AgentId", Agent = true)]
    [Alias("ReportBlocker")]
    Task<ReportReceipt> ReportBlocker(BlockerReport report);

    [CallableBy(Callers.Agents)]
    [ActsAs("report.AgentId", Agent = true)]
    [Alias("ReportRisk")]
    Task<ReportReceipt> ReportRisk(RiskReport report);

    [CallableBy(Callers.Agents | Callers.Operators)]
    [ActsAs("request.ResolvedBy")]
    [Alias("ResolveReport")]
    Task<ReportRecord> ResolveReport(ResolveReport request);

    [CallableBy(Callers.Operators)]
    [ActsAs("change.IssuedBy")]
    [Alias("PublishStrategy")]
    Task<StudioStrategy> PublishStrategy(StrategyChange change);

    [CallableBy(Callers.Agents)]
    [ActsAs("offer.FromAgentId", Agent = true)]
    [Alias("OfferHandoff")]
    Task<HandoffRecord> OfferHandoff(HandoffOffer offer);

    [CallableBy(Callers.Agents)]
    [ActsAs("response.AgentId", Agent = true)]
    [Alias("RespondToHandoff")]
    Task<HandoffRecord> RespondToHandoff(HandoffResponse response);

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetAgents")]
    Task<IReadOnlyList<AgentProfile>> GetAgents();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetOpenReports")]
    Task<IReadOnlyList<ReportRecord>> GetOpenReports();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetReport")]
    Task<ReportRecord?> GetReport(string reportId);

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetStrategy")]
    Task<StudioStrategy?> GetStrategy();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetHandoffs")]
    Task<IReadOnlyList<HandoffRecord>> GetHandoffs();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetOverview")]
    Task<StudioOverview> GetOverview();
}
