using Orleans.Concurrency;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Notifications;

/// <summary>
/// The studio's notifications (key: studio id), a room beside the studio: it reads the studio's journal from its own
/// cursor, so every event that owes a message is turned into one exactly once, however the silo restarts; it keeps
/// the messages owed in its outbox until delivered, retries with exponential backoff and jitter, and dead-letters
/// after the configured attempts. Subscriptions come from configuration (<c>Notifications:Subscriptions</c>) and from
/// operators through this contract.
/// </summary>
[ScopedBy(StudioScope.Studio)]
[Alias("orch.INotificationsGrain")]
public interface INotificationsGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a subscription (by id). Its alerts start from the studio's next event.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("SetSubscription")]
    Task<Subscription> SetSubscription(Subscription subscription);

    /// <summary>Removes a subscription set through the contract (configured ones change with configuration). Idempotent.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("RemoveSubscription")]
    Task RemoveSubscription(string subscriptionId);

    [CallableBy(Callers.Operators)]
    [ReadOnly, Alias("GetOverview")]
    Task<NotificationsOverview> GetOverview();

    /// <summary>Puts a dead letter back in the outbox with its attempts reset; the receiver gets it once more, with
    /// the same idempotency key. Returns it as queued.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("Resend")]
    Task<OutboxMessage> Resend(string key);

    /// <summary>Catches up with the journal, queues the briefings whose cadence is due on the studio clock and
    /// delivers what is due. A reminder runs it; the simulator runs it on virtual time. Returns the messages delivered.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("Tick")]
    Task<IReadOnlyList<OutboxMessage>> Tick();
}
