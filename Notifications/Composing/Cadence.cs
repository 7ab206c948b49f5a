using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications.Composing;

/// <summary>When a subscription's briefing is due on the studio clock: every <see cref="Subscription.EveryDays"/>
/// days from when it was first seen (the first one a full period after), so a simulator's virtual weeks play it.</summary>
public static class Cadence
{
    public static DateTimeOffset? NextDue(Subscription subscription, DateTimeOffset since, DateTimeOffset? lastSent) =>
        subscription.Briefing is null || subscription.EveryDays <= 0 ? null : (lastSent ?? since).AddDays(subscription.EveryDays);

    public static bool IsDue(Subscription subscription, DateTimeOffset since, DateTimeOffset? lastSent, DateTimeOffset now) =>
        NextDue(subscription, since, lastSent) is { } due && due <= now;
}
