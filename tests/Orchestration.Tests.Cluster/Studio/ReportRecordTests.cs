using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Producer;
using Orchestration.Grains.Records;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>A resolved report leaves the Producer's index for a grain of its own: the Producer's stored state holds
/// only what is open, and a resolved report is still found, and its retry still a duplicate, however old it is.</summary>
[Collection(ClusterCollection.Name)]
public class ReportRecordTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Resolved_reports_leave_the_Producer_state_and_stay_found_and_idempotent()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);
        var blocker = Samples.Blocker(agentId, "blk-1");
        var risk = Samples.Risk(agentId, "risk-1");
        await studio.ReportBlockerAsync(blocker);
        await studio.ReportRiskAsync(risk);
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-open"));

        fixture.StudioTime.Advance(TimeSpan.FromDays(2));
        await studio.ResolveReportAsync("blk-1", "producer", "unblocked");
        await studio.ResolveReportAsync("risk-1", "lead", "mitigated");

        // Collected, the Producer stores its emptied outbox too: its open-report pages keep what is open, nothing else.
        await fixture.Cluster.DeactivateAsync(studio.Producer);
        var stored = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
        var reportPages = stored.OpenPages.Where(p => OpenPage.BookOf(p) == "reports").ToList();
        var kept = new List<string>();
        foreach (var page in reportPages)
            kept.AddRange((await StoredState.ReadAsync<OpenPageState>(fixture.Cluster, StudioStreams.Storage, "open",
                fixture.Cluster.Client.GetGrain<IOpenPageGrain>($"{studio.StudioId}/{page}"))).Records.Keys);
        Assert.Equal(["blk-open"], kept);
        Assert.Empty(stored.LegacyOpenReports);
        Assert.Empty(stored.LegacyResolvedReports);
        Assert.True(stored.Pending.IsEmpty);

        // Found, resolved, and a retry is the same report: nothing is recorded twice, nothing is escalated twice.
        Assert.Equal("unblocked", (await studio.Producer.GetReport("blk-1"))!.Resolution!.Resolution);
        var overview = await studio.GetOverviewAsync();
        Assert.True((await studio.ReportBlockerAsync(blocker)).WasDuplicate);
        Assert.True((await studio.ReportRiskAsync(risk)).WasDuplicate);
        Assert.Equal(overview, await studio.GetOverviewAsync());
        Assert.Equal("unblocked", (await studio.ResolveReportAsync("blk-1", "someone", "again")).Resolution!.Resolution);

        Assert.True((await studio.ReportBlockerAsync(blocker)).WasDuplicate);
        Assert.Null(await studio.Producer.GetReport("never-reported"));

        var metric = (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "risk-resolution-time");
        Assert.Equal(2.0, metric.Value!.Value, precision: 6);
    }
}
