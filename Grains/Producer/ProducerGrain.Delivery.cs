using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Telemetry;

namespace Orchestration.Grains.Producer;

/// <summary>The Producer's outbox at work: delivery after each write, on activation, and again until it succeeds.</summary>
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
            _redelivery?.Dispose();
            _redelivery = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeliveryFailed(e, StudioId, State.Pending.Events.Count, State.Pending.Messages.Count);
            _redelivery ??= this.RegisterGrainTimer(static (grain, _) => grain.DeliverPending(), this,
                new GrainTimerCreationOptions { DueTime = RedeliveryPeriod, Period = RedeliveryPeriod, KeepAlive = true });
        }
    }

    /// <summary>One delivery: what is stored and not yet delivered (decided before the first await), then any chunk of
    /// the record index that is ready to seal.</summary>
    private async Task DeliverStored()
    {
        var ready = _storedThrough - _delivered;
        if (!ready.IsEmpty)
        {
            var batch = State.Pending.Take(ready);
            var pages = _records.Paginate(batch.Filings.Where(StudioDelivery.GoesInPages));
            await _delivery.Deliver(batch, pages);
            // Same turn: the outbox loses what the index gains, so every write stores one or the other.
            State.Pending.RemoveFirst(ready);
            _records.Filed(pages);
            foreach (var filing in batch.Filings) RememberDelivered(filing);
            _delivered += ready;
        }

        while (_records.ChunkToSeal is { } chunk)
        {
            await _delivery.Seal(chunk);
            _records.Sealed(chunk);
        }
    }

    private void RememberDelivered(Filing filing)
    {
        var key = (filing.Id, filing.Record.GetType());
        if (_recentlyDelivered.TryAdd(key, filing.Record)) _recentlyDeliveredOrder.Enqueue(key);
        else _recentlyDelivered[key] = filing.Record;
        while (_recentlyDeliveredOrder.Count > RecentlyDeliveredKept) _recentlyDelivered.Remove(_recentlyDeliveredOrder.Dequeue());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        OrchestrationTelemetry.Forget(StudioId);

        // Store the emptied outbox, so the next activation does not deliver it again (harmless, but noisy).
        if (_delivered != _deliveredAtLastWrite && !_unstoredChange)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio {StudioId}: the delivered outbox could not be cleared in storage; the next activation delivers it again")]
    private partial void LogOutboxNotCleared(Exception exception, string studioId);
}
