using Orchestration.Grains.Interfaces.Identity;
using Orleans.Concurrency;

namespace Orchestration.Grains.Interfaces.Feeds;

/// <summary>
/// A durable, ordered feed of what a studio sends (key: <see cref="FeedKeys"/>): an external agent's inbox, or the
/// studio's strategy versions. The Producer appends through its outbox, once per item id, before it publishes on the
/// stream (an inbox from the studio's stored inbox batches, paced by <c>Producer:InboxFeedWritesPerSecond</c>: a busy
/// studio appends all of an agent's messages since the last run in one write); each item gets the next sequence number,
/// and the feed keeps every item for the studio's whole life. A
/// reader that lost its connection resumes after the last sequence it saw (SSE <c>Last-Event-ID</c>): nothing is lost
/// and nothing is read twice. Only the silo writes a feed, so a message forged onto a stream never reaches it.
/// </summary>
[ScopedBy(StudioScope.StudioPrefixed)]
[Alias("orch.IFeedGrain`1")]
public interface IFeedGrain<TItem> : IGrainWithStringKey where TItem : class
{
    /// <summary>Items after sequence <paramref name="after"/>, oldest first, at most <paramref name="limit"/> (1 to <see cref="FeedPage{TItem}.MaxLimit"/>).</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("Read")]
    Task<FeedPage<TItem>> Read(long after, int limit);

    /// <summary>As <see cref="Read"/>, but when nothing is newer than <paramref name="after"/>, waits up to
    /// <paramref name="wait"/> (at most 25 s) for the next item: a long poll, for live feeds.</summary>
    [CallableBy(Callers.Anyone)]
    [AlwaysInterleave, Alias("Next")]
    Task<FeedPage<TItem>> Next(long after, int limit, TimeSpan wait, CancellationToken cancellationToken = default);
}

/// <summary>One item of a feed and its sequence number (1, 2, … in the order the Producer sent them).</summary>
[GenerateSerializer, Immutable, Alias("orch.FeedEntry`1")]
public sealed record FeedEntry<TItem>(long Sequence, TItem Item);

/// <summary>A page of a feed; <see cref="Head"/> is the sequence of the feed's last item.</summary>
[GenerateSerializer, Immutable, Alias("orch.FeedPage`1")]
public sealed record FeedPage<TItem>(IReadOnlyList<FeedEntry<TItem>> Entries, long Head)
{
    public const int MaxLimit = 500;
}

/// <summary>Which feed a key names.</summary>
public static class FeedKeys
{
    /// <summary>An external agent's inbox: every <see cref="Messages.InboxMessage"/> the Producer sent it.</summary>
    public static string Inbox(string studioId, string agentId) => $"{studioId}/inbox:{agentId}";

    /// <summary>The studio's strategy versions, as <see cref="Messages.StrategyBroadcast"/>s.</summary>
    public static string Strategy(string studioId) => $"{studioId}/strategy";
}
