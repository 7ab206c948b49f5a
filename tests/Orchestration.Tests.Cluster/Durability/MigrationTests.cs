using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>A studio stored by the first release (on Azure Blob storage, through Azurite) loads into today's layout:
/// its resolved reports move to their own grains once, and nothing of it is lost.</summary>
[Collection(DurableClusterCollection.Name)]
public class MigrationTests(DurableClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly WorkItem Experiment = new("exp-1", WorkItemKind.Experiment, "llm-1", "checkout", "Green CTA",
        new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 20), [], 100_000m, 5_000);

    [Fact]
    public async Task A_first_release_studio_keeps_its_resolved_reports_their_idempotency_and_their_metric()
    {
        var studio = fixture.NewStudio();
        var agent = new AgentProfile("llm-1", AgentKinds.ExperimentTracker, "LLM", 2, AgentHosting.External, At);
        ReportRecord Resolved(string id, ReportKind kind, double days) =>
            new(id, kind, "llm-1", "checkout", "summary", "impact", Severity.High, "producer", At, Blocks: kind == ReportKind.Blocker ? "blocks" : null,
                Resolution: new ReportResolution("producer", "done", At.AddDays(days)));
        var open = new ReportRecord("blk-open", ReportKind.Blocker, "llm-1", "checkout", "summary", "impact", Severity.High, "producer", At);

        // The first release's layout: resolved reports in field 2 of the Producer's state ("orch.ProducerState"),
        // which today's type reads as LegacyResolvedReports; everything else where it always was.
        var firstRelease = new ProducerState
        {
            LegacyAgents = { [agent.AgentId] = agent },
            LegacyOpenReports = { [open.ReportId] = open },
            LegacyResolvedReports = [Resolved("blk-old", ReportKind.Blocker, 1), Resolved("risk-a", ReportKind.Risk, 2), Resolved("risk-b", ReportKind.Risk, 4)],
            EventSequence = 9,
            WorkItems = { [Experiment.ItemId] = Experiment },
            LegacyCompletedWork = [new CompletedWork(Experiment.ItemId, Experiment.Kind, Experiment.Category, "llm-1", "checkout", At)],
            LayoutVersion = 0, // the first release never wrote this field
        };
        await StoredState.WriteAsync(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer, firstRelease);

        Assert.Equal("done", (await studio.Producer.GetReport("risk-a"))!.Resolution!.Resolution);
        Assert.True((await studio.ReportBlockerAsync(new BlockerReport("blk-old", "llm-1", "checkout", "summary", "blocks", "impact", Severity.High, "producer"))).WasDuplicate);
        Assert.Equal(["blk-open"], (await studio.GetOpenReportsAsync()).Select(r => r.ReportId));
        Assert.Equal(9, (await studio.GetOverviewAsync()).EventsPublished);
        Assert.Equal(3.0, (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "risk-resolution-time").Value!.Value, precision: 6);

        Assert.Equal(At, (await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion(Experiment.ItemId, "llm-1"))).CompletedAt); // done before: a retry

        var stored = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
        Assert.Empty(stored.LegacyResolvedReports);
        Assert.Empty(stored.LegacyCompletedWork);
        Assert.Equal(ProducerState.CurrentLayout, stored.LayoutVersion);

        // Once: after a restart of every silo the records are still found, and the mean is not counted twice.
        await fixture.RestartAllSilosAsync();
        Assert.Equal("done", (await studio.Producer.GetReport("blk-old"))!.Resolution!.Resolution);
        Assert.Equal(3.0, (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "risk-resolution-time").Value!.Value, precision: 6);
    }

    [Fact]
    public async Task A_first_release_studio_keeps_every_settled_handoff_and_resolved_escalation_findable_past_the_views()
    {
        var studio = fixture.NewStudio();
        var tracker = new AgentProfile("tracker-1", AgentKinds.ExperimentTracker, "Tracker", 2, AgentHosting.External, At);
        var shipper = new AgentProfile("shipper-1", AgentKinds.ProjectShipper, "Shipper", 2, AgentHosting.External, At);
        HandoffOffer Offer(int i) => new($"h-{i}", HandoffKind.WinningExperiment, "tracker-1", "shipper-1", $"exp-{i}", "checkout", "ship it",
            new Dictionary<string, string> { ["winner"] = "b" }, 2);
        var handoffs = Enumerable.Range(0, 120).Select(i => new HandoffRecord(Offer(i), i % 4 == 0 ? HandoffStatus.Rejected : HandoffStatus.Accepted,
            At.AddMinutes(i), At.AddMinutes(i + 1), "answered")).ToList();
        var escalations = Enumerable.Range(0, 110).Select(i => new Escalation($"esc-{i}", EscalationClass.StakeholderRequest, $"req-{i}", null, "asked",
            "cfo", At.AddMinutes(i), At.AddHours(24), EscalationStatus.Resolved, AcknowledgedAt: At.AddMinutes(i + 1), ResolvedAt: At.AddMinutes(i + 2),
            Resolution: "scheduled")).ToList();
        var firstRelease = new ProducerState
        {
            LegacyAgents = { [tracker.AgentId] = tracker, [shipper.AgentId] = shipper },
            Handoffs = handoffs.ToDictionary(h => h.Offer.HandoffId),
            LegacyEscalations = escalations.ToDictionary(e => e.EscalationId),
            EscalationSequence = 110,
            EventSequence = 500,
            LayoutVersion = 0,
        };
        await StoredState.WriteAsync(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer, firstRelease);

        // The views keep the recent past; the oldest records, no longer in them, are still what a retry finds.
        Assert.Equal(25, (await studio.Producer.GetHandoffs()).Count);
        Assert.Equal(25, (await studio.Escalations.GetEscalations()).Count);
        Assert.Equal(HandoffStatus.Rejected, (await studio.Producer.OfferHandoff(Offer(0))).Status);
        Assert.Equal(HandoffStatus.Rejected, (await studio.Producer.RespondToHandoff(new HandoffResponse("h-0", "shipper-1", false, "again"))).Status);
        Assert.Equal("esc-3", (await studio.Escalations.RaiseStakeholderRequest(new StakeholderRequest("req-3", "cfo", "asked"))).EscalationId);
        Assert.Equal(EscalationStatus.Resolved, (await studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement("esc-1", "pm", "pm"))).Status);
        Assert.Equal(500, (await studio.GetOverviewAsync()).EventsPublished); // all of it retries: nothing new happened

        // The handoff-success metric counts every settled handoff, not the view: 90 accepted of 120.
        Assert.Equal(0.75, (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "handoff-success").Value!.Value, precision: 6);
    }

    [Fact]
    public async Task A_layout_5_studio_files_its_closed_conflicts_and_counts_its_finished_work_once()
    {
        var studio = fixture.NewStudio();
        var tracker = new AgentProfile("llm-1", AgentKinds.ExperimentTracker, "LLM", 4, AgentHosting.External, At);
        WorkItem Item(string id, params Dependency[] on) => Experiment with { ItemId = id, DependsOn = on };
        Conflict Closed(int n) => new($"conflict-{n}", studio.StudioId, "exp-1", "exp-1", "exp-2", ["exp-1", "exp-2"], 3, "llm-1", "llm-1", "late",
            At.AddMinutes(n), At.AddHours(48), ConflictStatus.Resolved, [],
            Decision: new Decision($"decision-{n}", $"conflict-{n}", "delay", ResolutionKind.DelayDependent, "why", [], "none", [], "policy",
                At.AddMinutes(n).AddHours(12), TimeSpan.FromHours(12)));
        var items = new[] { Item("exp-1"), Item("exp-2", new Dependency("exp-1", 0)), Item("exp-3"), Item("exp-live", new Dependency("exp-3", 0)) };
        var layout5 = new ProducerState
        {
            WorkItems = items.ToDictionary(i => i.ItemId),
            // exp-1 and exp-2 are finished and nothing active names them; exp-3 is finished but exp-live still needs it.
            Completed = new[] { "exp-1", "exp-2", "exp-3" }.ToDictionary(id => id, id => new CompletedWork(id, WorkItemKind.Release, WorkCategory.Feature, "llm-1", "checkout", At)),
            Conflicts = Enumerable.Range(1, 40).Select(Closed).ToDictionary(c => c.ConflictId),
            ConflictSequence = 40,
            DecisionSequence = 40,
            EventSequence = 300,
            LayoutVersion = 5,
        };
        await StoredState.WriteAsync(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer, layout5);
        await studio.Producer.RegisterAgent(new AgentRegistration(tracker.AgentId, tracker.Kind, tracker.DisplayName, tracker.Capacity, tracker.Hosting));

        Assert.Equal(["exp-3", "exp-live"], (await studio.WorkGraph.GetWorkItems()).Select(i => i.ItemId));
        Assert.Equal(25, (await studio.WorkGraph.GetConflicts()).Count);
        Assert.Equal("decision-1", (await studio.WorkGraph.GetConflict("conflict-1"))!.Decision!.DecisionId); // filed, past the view
        Assert.Equal("exp-1", (await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion("exp-1", "llm-1"))).ItemId); // a retry, answered

        // Once: after a restart of every silo the figures are the same, not counted twice.
        await fixture.RestartAllSilosAsync();
        var metrics = (await studio.Portfolio.GetMetrics()).Metrics.ToDictionary(m => m.Key);
        Assert.Equal(0.5, metrics["decision-velocity"].Value!.Value, precision: 6);
        Assert.Equal(3, metrics["feature-delivery-rate"].Value); // the three completions, though two left the graph (the clock is in 2026-Q4)
        Assert.Equal(ConflictStatus.Resolved, (await studio.WorkGraph.GetConflict("conflict-2"))!.Status);
    }
}
