using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications;

/// <summary>
/// A studio's notifications, persisted: where it has read the journal up to, the subscriptions operators set, what
/// each subscription has been sent, the outbox and the dead letters. The outbox is written before any attempt, so a
/// message owed is never lost to a restart; a message is removed only once delivered.
/// </summary>
[GenerateSerializer, Alias("orch.NotificationsState")]
public sealed class NotificationsState
{
    /// <summary>The last journal sequence turned into messages (0: none yet).</summary>
    [Id(0)] public long Cursor { get; set; }

    /// <summary>Subscriptions set through the contract, by id (configured ones are read from configuration).</summary>
    [Id(1)] public Dictionary<string, Subscription> Subscriptions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When each subscription (set or configured) was first seen: its alerts start from then.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> Since { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When each subscription's briefing was last queued.</summary>
    [Id(3)] public Dictionary<string, DateTimeOffset> LastBriefing { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public List<OutboxMessage> Outbox { get; set; } = [];

    [Id(5)] public List<OutboxMessage> DeadLetters { get; set; } = [];

    [Id(6)] public Dictionary<NotificationChannel, ChannelCounts> Counts { get; set; } = [];

    /// <summary>Keys delivered lately, so a message queued again (a replayed cause) is not sent twice.</summary>
    [Id(7)] public List<string> RecentlyDelivered { get; set; } = [];
}
