using Orchestration.Grains.Interfaces.Feeds;

namespace Orchestration.Client.Streams;

/// <summary>
/// Follows a durable feed (an external agent's inbox) by long polls: each item once, in order, from where it started.
/// A poll that fails (a silo lost, storage down) is tried again from the last item handled, so nothing is missed and
/// nothing repeated; an item whose handler throws is offered again. Only the silo writes a feed, so what arrives needs
/// no seal. Dispose to stop.
/// </summary>
internal sealed class FeedFollower<TItem> : IAsyncDisposable where TItem : class
{
    /// <summary>How long one poll waits for the next item (the feed grain allows 25 s; the client's calls time out at 30).</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;

    private FeedFollower(IFeedGrain<TItem> feed, long after, Func<TItem, Task> onItem) =>
        _following = Task.Run(() => Follow(feed, after, onItem, _stop.Token));

    /// <summary>Follows what is appended from now on (after the feed's last item at this call).</summary>
    public static async Task<FeedFollower<TItem>> FromNowAsync(IFeedGrain<TItem> feed, Func<TItem, Task> onItem) =>
        new(feed, (await feed.Read(0, 1)).Head, onItem);

    private static async Task Follow(IFeedGrain<TItem> feed, long after, Func<TItem, Task> onItem, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var page = await feed.Next(after, FeedPage<TItem>.MaxLimit, Wait, stop);
                foreach (var entry in page.Entries)
                {
                    await onItem(entry.Item);
                    after = entry.Sequence;
                }
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(AfterFailure, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception)
            {
                return; // stopped
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
        _stop.Dispose();
    }
}
