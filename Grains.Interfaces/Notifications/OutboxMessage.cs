namespace Orchestration.Grains.Interfaces.Notifications;

/// <summary>
/// One message for one subscription, from the moment the studio owes it until it is delivered (or dead-lettered).
/// <see cref="Key"/> is its idempotency key, sent with it (header <c>Idempotency-Key</c>, email <c>Message-ID</c>), so
/// a receiver drops a repeat; the outbox never holds two messages of one key.
/// </summary>
/// <param name="Cause">What made the studio owe it: <c>event 42</c> (a journal sequence) or <c>stakeholder-update 2026-10-19</c>.</param>
/// <param name="Text">The message as plain text (Markdown).</param>
[GenerateSerializer, Immutable, Alias("orch.OutboxMessage")]
public sealed record OutboxMessage(
    string Key,
    string SubscriptionId,
    NotificationChannel Channel,
    IReadOnlyList<string> To,
    string Subject,
    string Text,
    string Cause,
    DateTimeOffset OwedSince,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    string? LastError = null,
    DateTimeOffset? DeadLetteredAt = null);

/// <summary>What the studio's notifications are doing: subscriptions, messages owed, dead letters, and counts per channel.</summary>
[GenerateSerializer, Immutable, Alias("orch.NotificationsOverview")]
public sealed record NotificationsOverview(
    IReadOnlyList<Subscription> Subscriptions,
    IReadOnlyList<OutboxMessage> Pending,
    IReadOnlyList<OutboxMessage> DeadLetters,
    IReadOnlyDictionary<NotificationChannel, ChannelCounts> Counts,
    long JournalCursor);

/// <summary>Deliveries of one channel since the studio began: sent, retried attempts, failed attempts, dead-lettered.</summary>
[GenerateSerializer, Immutable, Alias("orch.ChannelCounts")]
public sealed record ChannelCounts(long Sent, long Retried, long Failed, long DeadLettered);
