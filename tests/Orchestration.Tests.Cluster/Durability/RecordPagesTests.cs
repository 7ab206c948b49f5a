using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Producer;
using Orchestration.Grains.Records;
using Orchestration.Silo.Hosting;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>Closed records on Azure Blob storage (Azurite): filed a page per delivery, not a blob per record, and found
/// through the record index for the studio's whole life — after every silo restarts, and in a studio stored by the
/// layout that kept each record in a grain of its own.</summary>
[Collection(DurableClusterCollection.Name)]
public class RecordPagesTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task Resolved_reports_are_filed_in_pages_and_each_is_found_after_every_silo_restarts()
    {
        var studio = fixture.NewStudio();
        var agent = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agent, AgentKinds.ExperimentTracker, "LLM", 4);
        var count = RecordIndex.ChunkSize / 2 + RecordIndex.PartSize; // each resolution files two records (the report and its escalation): a chunk and parts are sealed
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            await studio.ReportBlockerAsync(Samples.Blocker(agent, $"blk-{i}"));
            await studio.ResolveReportAsync($"blk-{i}", agent, $"unblocked {i}");
        });

        var stored = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
        Assert.True(stored.Records.SealedChunks >= 1, $"{stored.Records.SealedChunks} chunks sealed for {2 * count} records");
        var blobs = new List<string>();
        await foreach (var blob in SiloProfiles.Blobs(Azurite.ConnectionString).GetBlobContainerClient(fixture.Container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "record-", CancellationToken.None))
            if (blob.Name.Contains($"/{studio.StudioId}/", StringComparison.Ordinal)) blobs.Add(blob.Name);
        var pages = blobs.Count(b => b.Contains("/records:", StringComparison.Ordinal));
        Assert.True(pages >= stored.Records.NextPage, $"{pages} pages, {stored.Records.NextPage} numbered in the stored state"); // the last numbering is stored with the next write
        Assert.True(pages * 4 <= 2 * count, $"{pages} pages for {2 * count} records: callers side by side share pages");
        Assert.Contains(blobs, b => b.EndsWith($"/{studio.StudioId}/record-index:0.json", StringComparison.Ordinal)); // a chunk, merged from its parts
        Assert.DoesNotContain(blobs, b => b.EndsWith($"/{studio.StudioId}/blk-0.json", StringComparison.Ordinal)); // no blob per record

        await fixture.RestartAllSilosAsync(); // the index is loaded again: sealed chunks, then the tail in the state
        foreach (var i in new[] { 0, count / 2, count - 1 })
            Assert.Equal($"unblocked {i}", (await studio.Producer.GetReport($"blk-{i}"))!.Resolution!.Resolution);
        Assert.True((await studio.ReportBlockerAsync(Samples.Blocker(agent, "blk-7"))).WasDuplicate); // resolved long ago: a retry
        Assert.False((await studio.ReportBlockerAsync(Samples.Blocker(agent, "blk-new"))).WasDuplicate);
        Assert.Equal(["blk-new"], (await studio.GetOpenReportsAsync()).Select(r => r.ReportId));
    }

    [Fact]
    public async Task A_layout_6_studio_still_finds_the_records_it_kept_in_grains_of_their_own()
    {
        var studio = fixture.NewStudio();
        var agent = Ids.New("llm");
        var at = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var report = Samples.Blocker(agent, "blk-old");
        var old = new ReportRecord(report.ReportId, ReportKind.Blocker, agent, report.ProjectId, report.Summary, report.Impact, report.Severity, report.Owner, at,
            Blocks: report.Blocks, Resolution: new ReportResolution("producer", "done in layout 6", at.AddDays(1)));
        await StoredState.WriteAsync(fixture.Cluster, StudioStreams.Storage, "record",
            fixture.Client.GetGrain<IRecordGrain<ReportRecord>>(RecordKeys.Key(studio.StudioId, old.ReportId)), new RecordState<ReportRecord> { Record = old });
        await StoredState.WriteAsync(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer, new ProducerState { EventSequence = 12, LayoutVersion = 6 });
        await studio.RegisterExternalAgentAsync(agent, AgentKinds.ExperimentTracker, "LLM", 4);

        Assert.Equal("done in layout 6", (await studio.Producer.GetReport("blk-old"))!.Resolution!.Resolution);
        Assert.True((await studio.ReportBlockerAsync(report)).WasDuplicate);
        Assert.Empty(await studio.GetOpenReportsAsync());
        var stored = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
        Assert.Equal((ProducerState.CurrentLayout, true), (stored.LayoutVersion, stored.Records.LegacyRecordGrains));
    }
}
