using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications.Delivery;

/// <summary>One way out of the studio. A send that returns has been accepted by the receiver; any failure throws, and
/// the message stays in the outbox for its next attempt.</summary>
public interface INotificationSender
{
    bool Handles(NotificationChannel channel);

    Task SendAsync(string studioId, Subscription subscription, OutboxMessage message, CancellationToken cancellationToken);
}
