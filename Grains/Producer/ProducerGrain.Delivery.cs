using Microsoft.Extensions.Logging;
using Orchestration.Grains.Telemetry;

namespace Orchestration.Grains.Producer;

/// <summary>The Producer's outbox at work: delivery after each write, on activation, and again until it succeeds.</summary>
public sealed partial class ProducerGrain
{
    private static readonly TimeSpan RedeliveryPeriod = TimeSpan.FromSeconds(5);

    private IGrainTimer? _redelivery;

    /// <summary>The outbox was emptied after the last write; storage still holds it full until the next write.</summary>
    private bool _deliveredSinceWrite;

    /// <summary>This activation holds a change that storage refused: it must never be written.</summary>
    private bool _unstoredChange;

    /// <summary>
    /// Delivers the outbox. A failure does not fail the caller: the change is stored, and the outbox with it, so a
    /// timer tries again (and so does the next write, or the next activation) until everything is out, in order.
    /// </summary>
    private async Task DeliverPending()
    {
        try
        {
            await _delivery.Deliver(State.Pending);
            State.Pending.Clear();
            _deliveredSinceWrite = true;
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

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        OrchestrationTelemetry.Forget(StudioId);

        // Store the emptied outbox, so the next activation does not deliver it again (harmless, but noisy).
        if (_deliveredSinceWrite && !_unstoredChange)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
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
