using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.Grains.Common;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Grains.Feeds;

/// <summary>How the Producer's delivery appends to a feed. Not in the contract: only the silo writes feeds.</summary>
[Alias("orch.IFeedWriter`1")]
public interface IFeedWriter<TItem> : IGrainWithStringKey where TItem : class
{
    /// <summary>Appends the items whose ids the feed has not seen (a redelivery appends nothing).</summary>
    [Alias("Append")]
    Task Append(IReadOnlyList<TItem> items);
}

[GenerateSerializer, Alias("orch.FeedState`1")]
public sealed class FeedState<TItem> where TItem : class
{
    /// <summary>Sequence of the last item.</summary>
    [Id(0)] public long Head { get; set; }

    /// <summary>Items of the segment not yet full: sequences <c>Head - Open.Count + 1</c> … <c>Head</c>.</summary>
    [Id(1)] public List<TItem> Open { get; set; } = [];

    /// <summary>Ids of the last items appended, oldest first: a redelivered item is recognised by its id.</summary>
    [Id(2)] public List<string> RecentIds { get; set; } = [];
}

/// <summary>A full segment of a feed: <see cref="FeedGrain{TItem}.SegmentSize"/> items, filed once in a record grain.</summary>
[GenerateSerializer, Immutable, Alias("orch.FeedSegment`1")]
public sealed record FeedSegment<TItem>(IReadOnlyList<TItem> Items) where TItem : class;

/// <summary>
/// A feed (see <see cref="IFeedGrain{TItem}"/>). Its state holds the open segment only; each full segment of 64 items
/// is filed in a record grain before the state that drops it is written, so a write costs the same on the first item
/// as on the millionth. It calls only record grains.
/// </summary>
public sealed class FeedGrain<TItem>(
    [PersistentState("feed", StudioStreams.Storage)] IPersistentState<FeedState<TItem>> state) : Grain, IFeedGrain<TItem>, IFeedWriter<TItem> where TItem : class
{
    public const int SegmentSize = 64;
    /// <summary>Ids kept to recognise a repeated append: the Producer repeats at most what it delivered or fed since its
    /// last write (a lost activation's outbox and unfed batches), a few items per feed; 256 is ample, and every
    /// write carries them.</summary>
    private const int RecentIdsKept = 256;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);

    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FeedState<TItem> State => state.State;

    /// <summary>What storage holds: readers see only this, never an append still being written (which a failed write
    /// would take back, and its sequence numbers with it). Replaced, not changed, so a read in progress keeps its view.</summary>
    private (long Head, IReadOnlyList<TItem> Open) _stored;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = (State.Head, [.. State.Open]);
        return Task.CompletedTask;
    }

    public async Task Append(IReadOnlyList<TItem> items)
    {
        var seen = State.RecentIds.ToHashSet(StringComparer.Ordinal);
        var fresh = items.Where(i => seen.Add(IdOf(i))).ToList();
        if (fresh.Count == 0) return;

        var (head, open, recent) = (State.Head, State.Open.ToList(), State.RecentIds.ToList());
        var full = new List<(long Index, FeedSegment<TItem> Segment)>();
        foreach (var item in fresh)
        {
            State.Open.Add(item);
            State.Head++;
            State.RecentIds.Add(IdOf(item));
            if (State.Open.Count == SegmentSize)
            {
                full.Add(((State.Head - 1) / SegmentSize, new FeedSegment<TItem>([.. State.Open])));
                State.Open.Clear();
            }
        }

        if (State.RecentIds.Count > RecentIdsKept) State.RecentIds.RemoveRange(0, State.RecentIds.Count - RecentIdsKept);
        try
        {
            // Segments first: a crash before the state write repeats them with the same content.
            foreach (var (index, segment) in full) await Segment(index).Keep(segment);
            await state.WriteStateAsync();
            _stored = (State.Head, [.. State.Open]);
        }
        catch
        {
            (State.Head, State.Open, State.RecentIds) = (head, open, recent);
            DeactivateOnIdle();
            throw;
        }

        var arrived = _arrived;
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived.SetResult();
    }

    /// <summary>An inbox is its agent's to read (an operator may look at any); the studio's strategy feed, anyone's of the studio.</summary>
    private void RequireReader()
    {
        var key = this.GetPrimaryKeyString();
        if (key.IndexOf("/inbox:", StringComparison.Ordinal) is not (> 0 and var at) || Acting.Current is not { IsTrusted: false } caller) return;
        var agentId = key[(at + "/inbox:".Length)..];
        if (caller.Role != CredentialRole.Operator && !caller.ActsFor(agentId))
            throw new NotPermittedException("agentId", $"is '{agentId}', but this credential is {caller.Describe()}: an inbox is read by its agent or an operator");
    }

    public async Task<FeedPage<TItem>> Read(long after, int limit)
    {
        RequireReader();
        if (after < 0) throw new InvalidRequestException("after", $"is {after}; it must be 0 (from the first item) or a sequence number");
        limit = Require.InRange(limit, 1, FeedPage<TItem>.MaxLimit, "limit");

        var (head, open) = _stored; // one view for the whole read, though appends may interleave with its awaits
        var entries = new List<FeedEntry<TItem>>();
        var openStart = head - open.Count + 1;
        var cursor = after;
        while (cursor < head && entries.Count < limit)
        {
            if (cursor + 1 >= openStart)
            {
                for (var seq = cursor + 1; seq <= head && entries.Count < limit; seq++)
                    entries.Add(new FeedEntry<TItem>(seq, open[(int)(seq - openStart)]));
                break;
            }

            var index = cursor / SegmentSize;
            var segment = await Segment(index).Get()
                ?? throw new InvalidOperationException($"feed {this.GetPrimaryKeyString()} lacks its segment {index}");
            for (var i = (int)(cursor - index * SegmentSize); i < segment.Items.Count && entries.Count < limit; i++)
                entries.Add(new FeedEntry<TItem>(index * SegmentSize + i + 1, segment.Items[i]));
            cursor = (index + 1) * SegmentSize; // the rest of this segment is past the limit, or there is none
        }

        return new FeedPage<TItem>(entries, head);
    }

    public async Task<FeedPage<TItem>> Next(long after, int limit, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        RequireReader();
        if (after >= _stored.Head && wait > TimeSpan.Zero)
        {
            var arrived = _arrived.Task;
            // A silo that begins to stop answers its waiting polls at once: it would otherwise wait them out before it
            // could deactivate this grain, and its readers poll the next activation without losing their place.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Stopping);
            await Task.WhenAny(arrived, Task.Delay(wait < MaxWait ? wait : MaxWait, waiting.Token));
        }

        return await Read(after, limit);
    }

    private CancellationToken Stopping => ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

    private IRecordGrain<FeedSegment<TItem>> Segment(long index) =>
        GrainFactory.GetGrain<IRecordGrain<FeedSegment<TItem>>>($"{this.GetPrimaryKeyString()}/segment:{index}");

    private static string IdOf(TItem item) => item switch
    {
        InboxMessage message => message.MessageId,
        StrategyBroadcast broadcast => broadcast.MessageId,
        _ => throw new InvalidOperationException($"a feed of {typeof(TItem).Name} has no id rule"),
    };
}
