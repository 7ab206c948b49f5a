using Microsoft.Extensions.Logging;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Client.Demo;

/// <summary>
/// The main job in miniature, played through the same client API agent services use: agents join, a blocker is
/// reported and acknowledged on the agent's inbox, a strategy change is broadcast and applied (the Shipper reorders
/// its release queue), and the blocker is resolved. Each step waits for its effect, not for a fixed time.
/// </summary>
public sealed partial class StudioWalkthrough(StudioClient studio, TimeProvider clock, ILogger<StudioWalkthrough> logger)
{
    public const string TrackerId = "tracker-1";
    public const string ShipperId = "shipper-1";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, TrackerId, "Experiment Tracker", capacity: 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, ShipperId, "Project Shipper", capacity: 3);
        foreach (var agent in await studio.GetAgentsAsync())
            Step("registered", $"{agent.AgentId}: {agent.DisplayName} ({agent.Kind}, {agent.Hosting}, capacity {agent.Capacity})");

        var shipper = studio.HostedAgent<IProjectShipperGrain>(ShipperId);
        await shipper.PlanRelease(new ReleasePlan("onboarding-v3", "onboarding", "Guided onboarding", today.AddDays(10), ["growth"]));
        await shipper.PlanRelease(new ReleasePlan("checkout-v2", "checkout", "One-page checkout", today.AddDays(20), ["customer-commitments"]));
        await studio.HostedAgent<IExperimentTrackerGrain>(TrackerId).PlanExperiment(
            new ExperimentPlan("exp-checkout-cta", "checkout", "A green CTA lifts checkout conversion", today, today.AddDays(21), ["conversion"]));
        Step("release queue", string.Join(" → ", (await shipper.GetReleaseQueue()).Select(r => r.ReleaseId)));

        var blockerId = $"blk-{run}";
        var receipt = await studio.ReportBlockerAsync(new BlockerReport(
            blockerId, TrackerId, "checkout", "Experiment needs three more weeks of traffic",
            Blocks: "checkout-v2 launch decision", Impact: "Release date committed to customers is at risk",
            Severity.High, Owner: "studio-producer"));
        Step("blocker reported", $"{receipt.ReportId} at {receipt.AcknowledgedAt:u}");
        var ack = await WaitForInbox(TrackerId, ReportAcknowledged.MessageIdFor(blockerId), cancellationToken);
        Step("blocker acknowledged", ack.Summary);

        var version = ((await studio.GetStrategyAsync())?.Version ?? 0) + 1;
        await studio.PublishStrategyAsync(new StrategyChange(
            $"strategy-{run}", version, ["customer-commitments", "checkout", "growth"], ["No release without a rollback plan"],
            "Customer commitments take priority this quarter", "studio-producer"));
        Step("strategy broadcast", $"v{version}: customer-commitments > checkout > growth");
        foreach (var (kind, agentId) in new[] { (AgentKinds.ExperimentTracker, TrackerId), (AgentKinds.ProjectShipper, ShipperId) })
        {
            var snapshot = await WaitFor(() => studio.HostedAgent(kind, agentId).GetSnapshot(), s => s.Strategy?.Version >= version, cancellationToken);
            Step("strategy applied", $"{agentId} is on v{snapshot.Strategy!.Version}");
        }

        Step("release queue", string.Join(" → ", (await shipper.GetReleaseQueue()).Select(r => r.ReleaseId)));

        await studio.ResolveReportAsync(blockerId, "studio-producer", "Ship on the committed date; run the experiment after launch");
        var closed = await WaitForInbox(TrackerId, ReportClosed.MessageIdFor(blockerId), cancellationToken);
        Step("blocker resolved", closed.Summary);

        var overview = await studio.GetOverviewAsync();
        Step("studio", $"{overview.Agents} agents, {overview.OpenBlockers} open blockers, {overview.OpenRisks} open risks, strategy v{overview.Strategy?.Version}, {overview.EventsPublished} events");
    }

    private async Task<ReceivedMessage> WaitForInbox(string agentId, string messageId, CancellationToken cancellationToken)
    {
        var snapshot = await WaitFor(() => studio.HostedAgent(AgentKinds.ExperimentTracker, agentId).GetSnapshot(), s => s.Inbox.Any(m => m.MessageId == messageId), cancellationToken);
        return snapshot.Inbox.Single(m => m.MessageId == messageId);
    }

    private static async Task<T> WaitFor<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    private void Step(string what, string detail) => LogStep(what, detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "walkthrough: {What}: {Detail}")]
    private partial void LogStep(string what, string detail);
}
