using Microsoft.Extensions.Logging;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Walkthrough;

/// <summary>
/// The main job in miniature, played through the same client API agent services use: agents join, a blocker is
/// reported and acknowledged on the agent's inbox, a strategy change is broadcast and applied (the Shipper reorders
/// its release queue), an experiment slips three weeks against a release committed to customers and the Producer
/// decides (the seed's Workflow 2), a shipped release is handed to the Tracker, and the blocker is resolved. Each step waits for its effect, not for a fixed time.
/// </summary>
public sealed partial class StudioWalkthrough(StudioClient studio, TimeProvider clock, ILogger<StudioWalkthrough> logger)
{
    /// <summary>The dev silo's hosted agents in studio "default"; in another studio, agents of its own (an agent
    /// belongs to one studio).</summary>
    public string TrackerId { get; } = studio.StudioId == "default" ? "tracker-1" : $"{studio.StudioId}.tracker-1";

    public string ShipperId { get; } = studio.StudioId == "default" ? "shipper-1" : $"{studio.StudioId}.shipper-1";

    private string ExperimentId { get; set; } = "exp-checkout-cta";

    private string ReleaseId { get; set; } = "checkout-v2";

    private string OnboardingId { get; set; } = "onboarding-v3";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (await studio.WorkGraph.GetWorkItem(ExperimentId) is not null)
        {
            // Played before in this studio: this run's work is its own, so the story plays again from the start.
            var again = $"-{run[^6..]}";
            (ExperimentId, ReleaseId, OnboardingId) = (ExperimentId + again, ReleaseId + again, OnboardingId + again);
            Step("played before", $"this run's items are {ExperimentId}, {ReleaseId} and {OnboardingId}");
        }

        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, TrackerId, "Experiment Tracker", capacity: 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, ShipperId, "Project Shipper", capacity: 3);
        foreach (var agent in await studio.GetAgentsAsync())
            Step("registered", $"{agent.AgentId}: {agent.DisplayName} ({agent.Kind}, {agent.Hosting}, capacity {agent.Capacity})");

        var shipper = studio.HostedAgent<IProjectShipperGrain>(ShipperId);
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(TrackerId);
        await tracker.PlanExperiment(new ExperimentPlan(ExperimentId, "checkout", "A green CTA lifts checkout conversion", today, today.AddDays(21),
            ["conversion"], ["control", "green"], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
        await shipper.PlanRelease(new ReleasePlan(OnboardingId, "onboarding", "Guided onboarding", today.AddDays(10), ["growth"]));
        await shipper.PlanRelease(new ReleasePlan(ReleaseId, "checkout", "One-page checkout", today.AddDays(30), ["customer-commitments"], today,
            [new CustomerCommitment("Acme", 40, Contractual: true), new CustomerCommitment("Beta", 10, Contractual: false)],
            [new Dependency(ExperimentId, LeadDays: 2)]));
        await studio.Portfolio.DeclareProject(new ProjectDeclaration("checkout", "One-page checkout", [ShipperId, TrackerId], [new Milestone("beta", today.AddDays(14)), new Milestone("launch", today.AddDays(30))]));
        await studio.Portfolio.DeclareProject(new ProjectDeclaration("onboarding", "Guided onboarding", [ShipperId], [new Milestone("launch", today.AddDays(10))]));
        var quarter = $"{today.Year}-Q{(today.Month + 2) / 3}";
        await studio.Portfolio.SetObjective(new Objective($"okr-conversion-{quarter}", quarter, "Grow checkout conversion",
            [new KeyResult("conversion", "Checkout conversion", 2.0, 2.5, 2.1, "%"), new KeyResult("abandonment", "Cart abandonment", 70, 60, 68, "%")]));
        Step("portfolio", $"projects checkout and onboarding declared; objective for {quarter}: grow checkout conversion");
        Step("work planned", $"{ReleaseId} (committed {today.AddDays(30):yyyy-MM-dd}, 50 customer accounts) needs the result of {ExperimentId} (ends {today.AddDays(21):yyyy-MM-dd}) two days before");
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

        // Workflow 2: the experiment needs three more weeks; the Producer detects, decides and the agents apply.
        var slip = await tracker.ExtendExperiment(ExperimentId, 21, "needs three more weeks of traffic");
        var conflictId = slip.ConflictsRaised.Single();
        var conflict = await WaitFor(async () => (await studio.WorkGraph.GetConflict(conflictId))!, c => c.Status is ConflictStatus.Resolved or ConflictStatus.PendingDecision, cancellationToken);
        Step("conflict", conflict.Reason);
        if (conflict.Decision is { } decision)
        {
            Step("decision", $"{decision.ChosenOptionId}: {decision.Rationale}");
            foreach (var rejected in decision.Rejected) Step("rejected", $"{rejected.OptionId}: {rejected.Why}");
            Step("mitigation", decision.Mitigation);
            var release = (await shipper.GetReleaseQueue()).Single(r => r.ReleaseId == ReleaseId);
            var experiment = (await tracker.GetExperimentQueue()).Single(e => e.ExperimentId == ExperimentId);
            Step("applied", $"{ReleaseId} ships {release.CommittedDate:yyyy-MM-dd}; {ExperimentId} runs {experiment.Start:yyyy-MM-dd} to {experiment.PlannedEnd:yyyy-MM-dd}");
        }
        else
        {
            Step("decision held", $"{conflict.HeldBecause}: see `decisions pending` in the CLI");
        }

        await shipper.ShipRelease(new ReleaseShipped(OnboardingId, new Dictionary<string, string> { ["activation"] = "41%" }, "New users finish setup faster", TrackerId));
        var handoff = (await WaitFor(studio.Producer.GetHandoffs, h => h.Any(x => x.Offer.ItemId == OnboardingId && x.Status != HandoffStatus.Offered), cancellationToken))
            .Single(x => x.Offer.ItemId == OnboardingId);
        Step("handoff", $"{OnboardingId} metrics and feedback to {TrackerId}: {handoff.Status}, {handoff.Reason}");

        await studio.ResolveReportAsync(blockerId, "studio-producer", $"Settled by the decision on {conflictId}");
        var closed = await WaitForInbox(TrackerId, ReportClosed.MessageIdFor(blockerId), cancellationToken);
        Step("blocker resolved", closed.Summary);

        await studio.Portfolio.ReportProjectStatus(new StatusReport($"status-{run}", "checkout", ShipperId, ProjectStatus.Yellow,
            "Experiment shortened; release date held"));
        var health = await studio.Portfolio.RunHealthReview();
        var metrics = await studio.Portfolio.GetMetrics();
        Step("health review", $"{health.Reviewed.Count} projects reviewed; " + string.Join(", ", metrics.Metrics.Where(m => m.Value is not null && m.Source == MetricSource.Computed)
            .Take(5).Select(m => $"{m.Name} {m.Value:0.##} ({m.Standing})")));
        Step("reports", "dotnet run --project Client/Orchestration.Cli -- report portfolio | report sync | report stakeholder");

        var overview = await studio.GetOverviewAsync();
        Step("studio", $"{overview.Agents} agents, {overview.OpenBlockers} open blockers, {overview.OpenRisks} open risks, strategy v{overview.Strategy?.Version}, "
            + $"{overview.ActiveConflicts} active conflicts, {overview.PendingDecisions} pending decisions, {overview.EventsPublished} events");
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
