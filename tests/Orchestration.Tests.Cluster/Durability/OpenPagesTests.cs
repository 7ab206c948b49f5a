using Microsoft.Extensions.DependencyInjection;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Cluster.Infrastructure;
using Orleans.Storage;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>Open reports and their escalations on Azure Blob storage (Azurite): kept in pages written a change at a
/// time, so the Producer's own blob stays the same size however much is open, and all of it is back after every silo
/// restarts.</summary>
[Collection(DurableClusterCollection.Name)]
public class OpenPagesTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task The_Producer_state_does_not_grow_with_open_work_and_open_work_survives_every_restart()
    {
        var studio = fixture.NewStudio();
        var agent = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agent, AgentKinds.ExperimentTracker, "LLM", 4);

        await Report(studio, agent, 0, 600);
        var at600 = await StoredSize(studio);
        await Report(studio, agent, 600, 1_200);
        var at1200 = await StoredSize(studio);
        // 600 more open blockers and as many escalations (some 400 KB of records) add only the names of the pages they
        // are on (one per 256 records) to the Producer's write.
        Assert.True(at1200 - at600 < 1_000, $"the Producer's state went from {at600} to {at1200} bytes as open blockers went from 600 to 1,200");

        await fixture.RestartAllSilosAsync();
        Assert.Equal(1_200, (await studio.GetOpenReportsAsync()).Count);
        Assert.Equal(1_200, (await studio.Escalations.GetEscalations()).Count(e => e.Status != EscalationStatus.Resolved));

        await Parallel.ForEachAsync(Enumerable.Range(0, 600), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, _) => await studio.ResolveReportAsync($"blk-{2 * i}", agent, "unblocked"));
        await fixture.RestartAllSilosAsync();
        var open = await studio.GetOpenReportsAsync();
        Assert.Equal(Enumerable.Range(0, 600).Select(i => $"blk-{2 * i + 1}").Order(StringComparer.Ordinal), open.Select(r => r.ReportId).Order(StringComparer.Ordinal));
        var escalations = await studio.Escalations.GetEscalations();
        Assert.Equal(600, escalations.Count(e => e.Status != EscalationStatus.Resolved));
        Assert.All(escalations.Where(e => e.Status != EscalationStatus.Resolved), e => Assert.Equal(1, int.Parse(e.SourceId["blk-".Length..]) % 2));
        Assert.True((await studio.ReportBlockerAsync(Samples.Blocker(agent, "blk-1"))).WasDuplicate); // still open: a retry
        Assert.True((await studio.ReportBlockerAsync(Samples.Blocker(agent, "blk-0"))).WasDuplicate); // resolved: a retry too
    }

    private static Task Report(StudioClient studio, string agent, int from, int to) =>
        Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, _) => await studio.ReportBlockerAsync(Samples.Blocker(agent, $"blk-{i}")));

    /// <summary>The bytes the Producer's blob holds once it is collected (which stores its emptied outbox).</summary>
    private async Task<int> StoredSize(StudioClient studio)
    {
        await fixture.Cluster.DeactivateAsync(studio.Producer);
        var stored = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
        Assert.True(stored.Pending.IsEmpty);
        Assert.Empty(stored.LegacyOpenReports);
        return fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IGrainStorageSerializer>().Serialize(stored).ToArray().Length;
    }
}
