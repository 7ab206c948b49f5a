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

    /// <summary>One delivery at a time, so the outbox leaves in order.</summary>
    private readonly SemaphoreSlim _deliveryTurn = new(1, 1);

    /// <summary>This activation holds a change that storage refused: it must never be written.</summary>
    private bool _unstoredChange;

    /// <summary>
    /// Delivers the outbox. A failure does not fail the caller: the change is stored, and the outbox with it, so a
    /// timer tries again (and so does the next write, or the next activation) until everything is out, in order.
    /// </summary>
    private async Task DeliverPending()
    {
        await _deliveryTurn.WaitAsync();
        try
        {
            var ready = _storedThrough - _delivered;
            if (!ready.IsEmpty)
            {
                var batch = State.Pending.Take(ready);
                await _delivery.Deliver(batch);
                State.Pending.RemoveFirst(ready);
                foreach (var filing in batch.Filings) RememberDelivered(filing);
                _delivered += ready;
            }

            _redelivery?.Dispose();
            _redelivery = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeliveryFailed(e, StudioId, State.Pending.Events.Count, State.Pending.Messages.Count);
            _redelivery ??= this.RegisterGrainTimer(static (grain, _) => grain.DeliverPending(), this,
                new GrainTimerCreationOptions { DueTime = RedeliveryPeriod, Period = RedeliveryPeriod, KeepAlive = true });
        }
        finally
        {
            _deliveryTurn.Release();
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
