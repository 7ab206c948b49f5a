using System.Collections.Concurrent;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Notifications.Delivery;

namespace Orchestration.Simulation.Running;

/// <summary>A message the simulated studio delivered, at the studio's virtual time.</summary>
public sealed record DeliveredMessage(DateTimeOffset At, string SubscriptionId, NotificationChannel Channel, IReadOnlyList<string> To, string Subject, string Key);

/// <summary>
/// Where a simulated studio's notifications go: every channel is accepted at once and recorded at the virtual time
/// of delivery, so a scenario's timeline shows each message and its expectations can name them. Nothing leaves the
/// process: a scenario is played, not sent.
/// </summary>
public sealed class SimulatedDelivery(TimeProvider clock) : INotificationSender
{
    private readonly ConcurrentQueue<DeliveredMessage> _delivered = new();

    public IReadOnlyList<DeliveredMessage> Delivered => [.. _delivered];

    public bool Handles(NotificationChannel channel) => true;

    public Task SendAsync(string studioId, Subscription subscription, OutboxMessage message, CancellationToken cancellationToken)
    {
        _delivered.Enqueue(new DeliveredMessage(clock.GetUtcNow(), subscription.SubscriptionId, message.Channel, message.To, message.Subject, message.Key));
        return Task.CompletedTask;
    }
}
