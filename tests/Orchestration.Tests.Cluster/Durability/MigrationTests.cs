using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>A studio stored by the first release (on Azure Blob storage, through Azurite) loads into today's layout:
/// its resolved reports move to their own grains once, and nothing of it is lost.</summary>
[Collection(DurableClusterCollection.Name)]
public class MigrationTests(DurableClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

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
            Agents = { [agent.AgentId] = agent },
            OpenReports = { [open.ReportId] = open },
            LegacyResolvedReports = [Resolved("blk-old", ReportKind.Blocker, 1), Resolved("risk-a", ReportKind.Risk, 2), Resolved("risk-b", ReportKind.Risk, 4)],
            EventSequence = 9,
        };
        await StoredState.WriteAsync(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer, firstRelease);

        Assert.Equal("done", (await studio.Producer.GetReport("risk-a"))!.Resolution!.Resolution);
        Assert.True((await studio.ReportBlockerAsync(new BlockerReport("blk-old", "llm-1", "checkout", "summary", "blocks", "impact", Severity.High, "producer"))).WasDuplicate);
        Assert.Equal(["blk-open"], (await studio.GetOpenReportsAsync()).Select(r => r.ReportId));
        Assert.Equal(9, (await studio.GetOverviewAsync()).EventsPublished);
        Assert.Equal(3.0, (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "risk-resolution-time").Value!.Value, precision: 6);

        var stored = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
        Assert.Empty(stored.LegacyResolvedReports);

        // Once: after a restart of every silo the records are still found, and the mean is not counted twice.
        await fixture.RestartAllSilosAsync();
        Assert.Equal("done", (await studio.Producer.GetReport("blk-old"))!.Resolution!.Resolution);
        Assert.Equal(3.0, (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "risk-resolution-time").Value!.Value, precision: 6);
    }
}
