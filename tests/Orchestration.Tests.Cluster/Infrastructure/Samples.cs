using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Tests.Cluster.Infrastructure;

public static class Samples
{
    public static BlockerReport Blocker(string agentId, string? reportId = null) => new(
        reportId ?? Ids.New("blk"), agentId, "checkout", "Experiment needs three more weeks", "checkout-v2 launch decision",
        "Release date committed to customers at risk", Severity.High, "studio-producer");

    public static RiskReport Risk(string agentId, string? reportId = null) => new(
        reportId ?? Ids.New("risk"), agentId, "payments", "Payment provider may slip its API release", "Launch slips a week",
        Severity.Medium, "shipper lead", 0.3, "Keep the current provider as fallback");

    public static StrategyChange Strategy(int version, params string[] priorities) => new(
        Ids.New("strategy"), version, priorities, ["No release without a rollback plan"], $"Strategy v{version}", "ceo");

    /// <summary>Everything a caller can read of a studio: what must not change when a request is refused.</summary>
    public static async Task<StudioView> View(StudioClient studio) => new(
        await studio.GetOverviewAsync(), await studio.GetAgentsAsync(), await studio.GetOpenReportsAsync(), await studio.GetStrategyAsync());
}

public sealed record StudioView(StudioOverview Overview, IReadOnlyList<AgentProfile> Agents, IReadOnlyList<ReportRecord> OpenReports, StudioStrategy? Strategy);
