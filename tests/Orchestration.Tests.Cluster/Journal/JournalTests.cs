using System.Collections.Concurrent;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Journal;

/// <summary>The journal is the studio's record: every event, in order, once, read back with paging — including what
/// the Producer's own bounded logs no longer hold, and what a failed delivery held back.</summary>
[Collection(ClusterCollection.Name)]
public class JournalTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_event_is_journaled_once_in_order_and_pages_read_it_back_as_the_stream_carried_it()
    {
        var studio = fixture.NewStudio();
        var streamed = new ConcurrentDictionary<long, StudioEvent>();
        await using var feed = await studio.WatchEventsAsync(e => { streamed.TryAdd(e.Sequence, e); return Task.CompletedTask; });
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);
        var reports = Enumerable.Range(0, 80).Select(i => $"blk-{i}").ToList();
        foreach (var id in reports) await studio.ReportBlockerAsync(Samples.Blocker(agentId, id));

        var published = (await studio.GetOverviewAsync()).EventsPublished;
        Assert.True(published > 2 * 64, $"the test spans at least three journal segments ({published} events)");

        // Small pages, one after the other, read the whole journal: every sequence number once, in order.
        var read = new List<StudioEvent>();
        var after = 0L;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 100, "paging reaches the end");
            var page = await studio.Journal.Read(new JournalQuery(after, 7));
            read.AddRange(page.Events);
            if (page.AtEnd) break;
            Assert.Equal(page.Events[^1].Sequence, page.Next);
            after = page.Next;
        }

        Assert.Equal(Enumerable.Range(1, (int)published).Select(i => (long)i), read.Select(e => e.Sequence));
        await Eventually.Until(() => Task.FromResult(streamed.Count), n => n == published, "every event on the stream");
        // The stream carries each event sealed by the silo; the journal, which only the silo writes, holds it unsealed.
        Assert.All(streamed.Values, e => Assert.NotNull(e.Seal));
        Assert.Equal(read, read.Select(e => streamed[e.Sequence] with { Seal = null }));

        // Filtered by kind: only the reports, in the order they were made; and the client's reader agrees.
        var raised = await studio.Journal.Read(new JournalQuery(0, JournalQuery.MaxLimit, [nameof(ReportRaised)]));
        Assert.True(raised.AtEnd);
        Assert.Equal(reports, raised.Events.Cast<ReportRaised>().Select(e => e.Report.ReportId));
        Assert.Equal(read, await ToList(studio.ReadJournalAsync()));
    }

    [Fact]
    public async Task History_the_Producer_no_longer_holds_is_read_from_the_journal()
    {
        // The Producer keeps its last 100 strategies; the journal keeps every one.
        var studio = fixture.NewStudio();
        for (var version = 1; version <= 105; version++) await studio.PublishStrategyAsync(Samples.Strategy(version, "growth"));

        var published = new List<int>();
        await foreach (var e in studio.ReadJournalAsync(kinds: [nameof(StrategyPublished)]))
            published.Add(((StrategyPublished)e).Strategy.Version);

        Assert.Equal(Enumerable.Range(1, 105), published);
        Assert.Equal(105, (await studio.GetStrategyAsync())!.Version);
    }

    [Fact]
    public async Task A_bad_query_is_refused_naming_its_field()
    {
        var studio = fixture.NewStudio();
        async Task<string> Refused(JournalQuery query) => (await Assert.ThrowsAsync<InvalidRequestException>(() => studio.Journal.Read(query))).Field;

        Assert.Equal("query.limit", await Refused(new JournalQuery(0, 0)));
        Assert.Equal("query.limit", await Refused(new JournalQuery(0, JournalQuery.MaxLimit + 1)));
        Assert.Equal("query.after", await Refused(new JournalQuery(-1, 10)));
        Assert.Equal("query.kinds[1]", await Refused(new JournalQuery(0, 10, [nameof(ReportRaised), "ReportExploded"])));
        Assert.Equal("query", await Refused(null!));
    }

    [Fact]
    public async Task A_journal_outage_does_not_fail_the_caller_and_delivery_resumes_without_loss_or_duplicates()
    {
        var studio = fixture.NewStudio();
        var streamed = new ConcurrentQueue<StudioEvent>();
        await using var feed = await studio.WatchEventsAsync(e => { streamed.Enqueue(e); return Task.CompletedTask; });
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);

        using (StudioFaults.Arm(FaultTarget.Journal, studio.StudioId))
        {
            // Stored, so acknowledged: the report is in the studio even though its events could not be journaled yet.
            var receipt = await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-during-outage"));
            Assert.False(receipt.WasDuplicate);
            Assert.Contains(await studio.GetOpenReportsAsync(), r => r.ReportId == "blk-during-outage");
            var held = await studio.Journal.Read(new JournalQuery(0, 100));
            Assert.DoesNotContain(held.Events, e => e is ReportRaised);
        }

        // The Producer retries on its own; then a later report goes out behind the held one, in order.
        await Eventually.Until(() => studio.Journal.Read(new JournalQuery(0, 100)), p => p.Events.Any(e => e is ReportRaised), "the held events to be journaled");
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-after-outage"));

        var published = (await studio.GetOverviewAsync()).EventsPublished;
        var journal = await ToList(studio.ReadJournalAsync());
        Assert.Equal(Enumerable.Range(1, (int)published).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.Equal(["blk-during-outage", "blk-after-outage"], journal.OfType<ReportRaised>().Select(e => e.Report.ReportId));
        await Eventually.Until(() => Task.FromResult(streamed.Count), n => n >= published, "every event on the stream");
        Assert.Equal(journal.Select(e => e.Sequence), streamed.Select(e => e.Sequence));
    }

    private static async Task<List<StudioEvent>> ToList(IAsyncEnumerable<StudioEvent> events)
    {
        var list = new List<StudioEvent>();
        await foreach (var e in events) list.Add(e);
        return list;
    }
}
