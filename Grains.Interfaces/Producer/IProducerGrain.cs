using Orleans.Concurrency;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;

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

    // Queries are [ReadOnly]: they may interleave with each other, never with a change.

    [ReadOnly, Alias("GetAgents")]
    Task<IReadOnlyList<AgentProfile>> GetAgents();

    [ReadOnly, Alias("GetOpenReports")]
    Task<IReadOnlyList<ReportRecord>> GetOpenReports();

    [ReadOnly, Alias("GetReport")]
    Task<ReportRecord?> GetReport(string reportId);

    [ReadOnly, Alias("GetStrategy")]
    Task<StudioStrategy?> GetStrategy();

    [ReadOnly, Alias("GetOverview")]
    Task<StudioOverview> GetOverview();
}
