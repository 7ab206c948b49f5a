using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Feeds;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Records;
using Orchestration.Grains.Telemetry;

namespace Orchestration.Grains.Producer;

/// <summary>The Producer's outbox at work: delivery after each write, on activation, and again until it succeeds;
/// then the external agents' inbox feeds, fed from the stored inbox batches without holding the callers.</summary>
public sealed partial class ProducerGrain
{
    private static readonly TimeSpan RedeliveryPeriod = TimeSpan.FromSeconds(5);

    private IGrainTimer? _redelivery;

    /// <summary>Outbox entries removed since activation (delivered), counted per list.</summary>
    private OutboxMark _delivered;

    /// <summary>How far (in the same count) the outbox is stored: only stored entries may be delivered — an entry
    /// queued by an operation whose write is still in flight, or failed, must never leave.</summary>
    private OutboxMark _storedThrough;

    /// <summary><see cref="_delivered"/> when the last write began: if it moved since, storage holds a fuller outbox.</summary>
    private OutboxMark _deliveredAtLastWrite;

    /// <summary>Stored inbox batches not yet appended to their agents' feeds, oldest first (on activation: read back
    /// from <see cref="InboxLogState.Fed"/> on).</summary>
    private readonly List<(long Number, List<InboxMessage> Messages)> _unfed = [];

    /// <summary>Feeding, one run at a time and in order, each taking every batch stored when it starts.</summary>
    private GroupCommit _feeding = null!;

    /// <summary>When the last feeding run began (<see cref="TimeProvider.GetTimestamp"/> of the machine's clock), and how
    /// long after it the next may begin: the write budget it spent.</summary>
    private long _lastFeedRun;

    private TimeSpan _feedPause;

    /// <summary><see cref="InboxLogState.Fed"/> when the last write began.</summary>
    private long _fedAtLastWrite;

    /// <summary>The filings delivered last (at most <see cref="RecentlyDeliveredKept"/>): a lookup that was in flight
    /// while its record left the outbox finds it here rather than taking the id for new.</summary>
    private readonly Dictionary<(string Id, Type Kind), object> _recentlyDelivered = [];

    private readonly Queue<(string Id, Type Kind)> _recentlyDeliveredOrder = new();

    private const int RecentlyDeliveredKept = 1_024;

    /// <summary>Deliveries, one at a time so the outbox leaves in order, each taking everything stored when it
    /// starts: callers that wait together are released together by the delivery that carried their changes, rather
    /// than each waiting for a turn of its own behind the others (a convoy of one-change deliveries).</summary>
    private GroupCommit _deliveries = null!;

    /// <summary>This activation holds a change that storage refused: it must never be written.</summary>
    private bool _unstoredChange;

    /// <summary>
    /// Delivers the outbox as stored so far. A failure does not fail the caller: the change is stored, and the outbox
    /// with it, so a timer tries again (and so does the next write, or the next activation) until everything is out, in order.
    /// </summary>
    private async Task DeliverPending()
    {
        try
        {
            await _deliveries.WriteAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeliveryFailed(e, StudioId, State.Pending.Events.Count, State.Pending.Messages.Count);
            RetryLater();
        }
    }

    /// <summary>One delivery: what is stored and not yet delivered (decided before the first await), then any chunk of
    /// the record index that is ready to seal; then feeding starts, which no caller waits for.</summary>
    private async Task DeliverStored()
    {
        var ready = _storedThrough - _delivered;
        if (!ready.IsEmpty)
        {
            var batch = State.Pending.Take(ready);
            var pages = _records.Paginate(batch.Filings.Where(StudioDelivery.GoesInPages));
            var inbox = await OrchestrationTelemetry.Step("delivery", () => _delivery.Deliver(batch, pages, State.Inboxes.Written));
            // Same turn: the outbox loses what the record index and the inbox log gain, so every write stores one or
            // the other.
            State.Pending.RemoveFirst(ready);
            _records.Filed(pages);
            if (inbox is { } written)
            {
                _unfed.Add(written);
                State.Inboxes.Written = written.Number + 1;
            }

            foreach (var filing in batch.Filings) RememberDelivered(filing);
            _delivered += ready;
        }

        while (_records.NextToSeal is { } piece)
        {
            await _delivery.Seal(piece);
            _records.Sealed(piece);
        }

        if (_unfed.Count > 0) _ = FeedInboxes();
    }

    /// <summary>Appends the stored inbox batches to their agents' feeds. A failure fails nobody (the batches are stored):
    /// a timer tries again, as does the next delivery and the next activation.</summary>
    private async Task FeedInboxes()
    {
        try
        {
            await _feeding.WriteAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFeedingFailed(e, StudioId, _unfed.Count);
            RetryLater();
        }
    }

    /// <summary>One feeding run: every batch stored so far (decided before the first await), each agent's messages in
    /// one append.</summary>
    private async Task FeedStored()
    {
        if (_unfed.Count == 0) return;
        // Paced (ProducerOptions.InboxFeedWritesPerSecond) on the machine's clock, not the studio's: this is how often
        // storage is written, not domain time.
        var wait = _feedPause - machineClock.GetElapsedTime(_lastFeedRun);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, machineClock);
        _lastFeedRun = machineClock.GetTimestamp();
        var run = _unfed.ToList();
        var feeds = run.SelectMany(b => b.Messages).Select(m => m.AgentId).Distinct(StringComparer.Ordinal).Count();
        _feedPause = TimeSpan.FromSeconds(feeds / (double)Math.Max(1, options.Value.InboxFeedWritesPerSecond));
        await _delivery.Feed(run.SelectMany(b => b.Messages));
        _unfed.RemoveRange(0, run.Count);
        State.Inboxes.Fed = run[^1].Number + 1;
    }

    /// <summary>The inbox batches a previous activation stored and did not feed.</summary>
    private async Task LoadUnfedBatches()
    {
        for (var number = State.Inboxes.Fed; number < State.Inboxes.Written; number++)
        {
            var batch = await GrainFactory.GetGrain<IRecordGrain<InboxBatch>>(InboxBatch.Key(StudioId, number)).Get()
                ?? throw new InvalidOperationException($"Studio '{StudioId}': inbox batch {number} is missing from storage");
            _unfed.Add((number, [.. batch.Messages]));
        }
    }

    private void RetryLater() =>
        _redelivery ??= this.RegisterGrainTimer(static (grain, _) => grain.Redeliver(), this,
            new GrainTimerCreationOptions { DueTime = RedeliveryPeriod, Period = RedeliveryPeriod, KeepAlive = true });

    /// <summary>The retry timer: delivers and feeds again, and stops once nothing stored is left undelivered or unfed.</summary>
    private async Task Redeliver()
    {
        await DeliverPending();
        await FeedInboxes();
        if ((_storedThrough - _delivered).IsEmpty && _unfed.Count == 0)
        {
            _redelivery?.Dispose();
            _redelivery = null;
        }
    }

    private void RememberDelivered(Filing filing)
    {
        if (filing.Record is OpenEntry) return; // a page's change, not a record anyone looks up
        var key = (filing.Id, filing.Record.GetType());
        if (_recentlyDelivered.TryAdd(key, filing.Record)) _recentlyDeliveredOrder.Enqueue(key);
        else _recentlyDelivered[key] = filing.Record;
        while (_recentlyDeliveredOrder.Count > RecentlyDeliveredKept) _recentlyDelivered.Remove(_recentlyDeliveredOrder.Dequeue());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        OrchestrationTelemetry.Forget(StudioId);

        // Feed what is stored, then store the emptied outbox and how far feeding got, so the next activation does not
        // deliver or feed it again (harmless, but noisy).
        if (_unfed.Count > 0)
        {
            try
            {
                await _feeding.WriteAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFeedingFailed(e, StudioId, _unfed.Count); // stored: the next activation feeds them
            }
        }

        if ((_delivered != _deliveredAtLastWrite || State.Inboxes.Fed != _fedAtLastWrite) && !_unstoredChange)
        {
            try
            {
                await _writes.WriteAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOutboxNotCleared(e, StudioId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio {StudioId}: {Events} event(s) and {Messages} message(s) are stored but not yet delivered; retrying")]
    private partial void LogDeliveryFailed(Exception exception, string studioId, int events, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio {StudioId}: {Batches} stored inbox batch(es) could not be appended to their agents' feeds; retrying")]
    private partial void LogFeedingFailed(Exception exception, string studioId, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio {StudioId}: the delivered outbox could not be cleared in storage; the next activation delivers it again")]
    private partial void LogOutboxNotCleared(Exception exception, string studioId);
}
