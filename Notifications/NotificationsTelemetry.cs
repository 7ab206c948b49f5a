using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Grains.Telemetry;

namespace Orchestration.Notifications;

/// <summary>Deliveries on the Orchestration meter, by studio and channel: sent, retried, failed attempts, dead-lettered, and how
/// long a message waited from when the studio owed it to its delivery.</summary>
internal static class NotificationsTelemetry
{
    private static readonly Counter<long> Sent = OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.notifications.sent", "{message}", "Messages delivered, by channel");
    private static readonly Counter<long> Retried = OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.notifications.retried", "{message}", "Messages delivered after at least one failed attempt, by channel");
    private static readonly Counter<long> Failed = OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.notifications.failed", "{attempt}", "Failed delivery attempts, by channel");
    private static readonly Counter<long> DeadLettered = OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.notifications.dead_lettered", "{message}", "Messages dead-lettered after the configured attempts, by channel");
    private static readonly Histogram<double> Latency = OrchestrationTelemetry.Meter.CreateHistogram<double>("orchestration.notifications.latency", "s", "From when the studio owed a message to its delivery",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 30, 120, 600, 3_600, 14_400] });

    public static void Delivered(string studioId, OutboxMessage message, TimeSpan waited)
    {
        var tags = Tags(studioId, message);
        Sent.Add(1, tags);
        if (message.Attempts > 0) Retried.Add(1, tags);
        Latency.Record(Math.Max(0, waited.TotalSeconds), tags);
    }

    public static void AttemptFailed(string studioId, OutboxMessage message) => Failed.Add(1, Tags(studioId, message));

    public static void DeadLetter(string studioId, OutboxMessage message) => DeadLettered.Add(1, Tags(studioId, message));

    private static TagList Tags(string studioId, OutboxMessage message) => new() { { "studio", studioId }, { "channel", message.Channel.ToString().ToLowerInvariant() } };
}
