using Orchestration.Grains.Feeds;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Feeds;

/// <summary>A durable feed across its segments: every item once, in order, whatever the batches and redeliveries,
/// with a write that stays the size of one open segment.</summary>
[Collection(ClusterCollection.Name)]
public class FeedTests(ClusterFixture fixture)
{
    private static InboxMessage Message(int n) =>
        new ReportAcknowledged($"ack:b{n}", "studio-f", "agent-f", DateTimeOffset.UnixEpoch, $"Your blocker b{n} is recorded", $"b{n}", ReportKind.Blocker);

    [Fact]
    public async Task Items_are_kept_once_in_order_across_segments_and_pages_cross_segment_ends()
    {
        var key = FeedKeys.Inbox(Ids.New("studio"), "agent-f");
        var writer = fixture.Client.GetGrain<IFeedWriter<InboxMessage>>(key);
        var feed = fixture.Client.GetGrain<IFeedGrain<InboxMessage>>(key);

        foreach (var batch in Enumerable.Range(1, 150).Chunk(7)) await writer.Append([.. batch.Select(Message)]);
        await writer.Append([.. Enumerable.Range(140, 11).Select(Message)]); // a redelivery of the last batch and more
        await writer.Append([Message(150), Message(150)]);

        var all = await feed.Read(0, FeedPage<InboxMessage>.MaxLimit);
        Assert.Equal(150, all.Head);
        Assert.Equal(Enumerable.Range(1, 150).Select(n => (long)n), all.Entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 150).Select(n => $"ack:b{n}"), all.Entries.Select(e => e.Item.MessageId));

        Assert.Equal([64L, 65L], (await feed.Read(63, 2)).Entries.Select(e => e.Sequence));
        Assert.Equal([128L, 129L, 130L], (await feed.Read(127, 3)).Entries.Select(e => e.Sequence));
        Assert.Equal(22, (await feed.Read(128, 500)).Entries.Count);
        Assert.Empty((await feed.Read(150, 10)).Entries);

        // What is stored: the open segment only; the two full ones are in record grains.
        var stored = await StoredState.ReadAsync<FeedState<InboxMessage>>(fixture.Cluster, "studio", "feed", feed);
        Assert.Equal((150L, 22), (stored.Head, stored.Open.Count));
    }

    [Fact]
    public async Task A_waiting_reader_gets_the_next_item_as_soon_as_it_is_appended()
    {
        var key = FeedKeys.Inbox(Ids.New("studio"), "agent-f");
        var feed = fixture.Client.GetGrain<IFeedGrain<InboxMessage>>(key);
        await fixture.Client.GetGrain<IFeedWriter<InboxMessage>>(key).Append([Message(1)]);

        // The reader asks to wait up to 20 s; the page it gets comes with the append, well inside that.
        var waiting = feed.Next(1, 10, TimeSpan.FromSeconds(20));
        await fixture.Client.GetGrain<IFeedWriter<InboxMessage>>(key).Append([Message(2)]);

        var page = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("ack:b2", 2L), (Assert.Single(page.Entries).Item.MessageId, page.Head));
        Assert.Empty((await feed.Next(2, 10, TimeSpan.FromMilliseconds(200))).Entries); // nothing new: an empty page after the wait
    }
}
