using System.Net;
using System.Text;
using System.Text.Json;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Notifications;

/// <summary>
/// Messages leave the studio through real channels and arrive once: a real SMTP server reads the mail (subject,
/// recipients, both parts), a local HTTP receiver checks each webhook's signature, and receivers that fail for a
/// while, or for good, get the message once when they can take it, or see it dead-lettered and resent on request.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class DeliveryTests(NotificationsFixture fixture)
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(NotificationsFixture.Secret);

    private async Task<(StudioClient Studio, INotificationsGrain Notifications)> Studio(params Subscription[] subscriptions)
    {
        var studio = fixture.NewStudio();
        await studio.RegisterExternalAgentAsync(Shipper(studio), AgentKinds.ProjectShipper, "Shipper", 3);
        var notifications = fixture.Client.GetGrain<INotificationsGrain>(studio.StudioId);
        foreach (var subscription in subscriptions) await notifications.SetSubscription(subscription);
        return (studio, notifications);
    }

    private static string Shipper(StudioClient studio) => $"shipper-{studio.StudioId}";

    private static Task Incident(StudioClient studio, string id = "blk-down") =>
        studio.ReportBlockerAsync(new BlockerReport(id, Shipper(studio), "checkout", "Payments are down", "checkout-v2", "no customer can pay", Severity.Critical, "producer"));

    /// <summary>Moves the studio clock past every retry wait and lets the studio's notifications run.</summary>
    private async Task<IReadOnlyList<OutboxMessage>> Later(INotificationsGrain notifications)
    {
        fixture.StudioTime.Advance(TimeSpan.FromMinutes(11));
        return await notifications.Tick();
    }

    [Fact]
    public async Task An_incident_alert_and_a_briefing_arrive_by_email_with_both_parts_to_every_recipient()
    {
        var (studio, notifications) = await Studio(new Subscription("execs", "executive-team", NotificationChannel.Email, ["ceo@studio.test", "cfo@studio.test"],
            "stakeholder-update", 14, [AlertKind.CriticalIncident]));

        await Incident(studio);

        var alert = await Eventually.Until(() => Task.FromResult(fixture.Mail.Received.FirstOrDefault(m => m.Subject == $"[{studio.StudioId}] Critical incident: Payments are down (blocks checkout-v2)")),
            m => m is not null, "the incident's email");
        Assert.Equal(["ceo@studio.test", "cfo@studio.test"], alert!.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("producer@studio.test", alert.From.Mailboxes.Single().Address);
        Assert.Contains("War room: respond at once.", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://studio.test/studios/{studio.StudioId}/escalations", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>War room: respond at once.</p>", alert.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith($"{studio.StudioId}/execs/event-", alert.Headers[WebhookSignature.IdempotencyHeader], StringComparison.Ordinal);

        // Fourteen days on the studio clock: the bi-weekly stakeholder update, as the briefing renders it.
        fixture.StudioTime.Advance(TimeSpan.FromDays(14));
        await notifications.Tick();
        var update = Assert.Single(fixture.Mail.Received, m => m.Subject == $"[{studio.StudioId}] Stakeholder Update — {studio.StudioId}");
        Assert.Contains("## 5. Q&A and feedback (5 min)", update.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2>3. Risks and mitigation plans (10 min)</h2>", update.HtmlBody, StringComparison.Ordinal);
        Assert.Empty((await notifications.GetOverview()).Pending);

        // The next tick owes nothing new: each message once.
        await notifications.Tick();
        Assert.Single(fixture.Mail.Received, m => m.Subject == $"[{studio.StudioId}] Stakeholder Update — {studio.StudioId}");
        Assert.Single(fixture.Mail.Received, m => m.Subject!.StartsWith($"[{studio.StudioId}] Critical incident", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_webhook_carries_a_signature_the_receiver_verifies_and_a_slack_payload_its_text()
    {
        var path = $"hooks/{Ids.New("signed")}";
        var slack = $"slack/{Ids.New("room")}";
        var (studio, _) = await Studio(
            new Subscription("ops", "war-room", NotificationChannel.Webhook, [fixture.Receiver.Url(path)], Alerts: [AlertKind.CriticalIncident], Secret: "hooks"),
            new Subscription("room", "war-room", NotificationChannel.Slack, [fixture.Receiver.Url(slack)], Alerts: [AlertKind.CriticalIncident]));

        await Incident(studio);

        var hook = await Eventually.Until(() => Task.FromResult(fixture.Receiver.Accepted(path).FirstOrDefault()), r => r is not null, "the signed webhook");
        Assert.True(WebhookSignature.Verify(Key, hook!.Headers[WebhookSignature.TimestampHeader], hook.Body, hook.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow),
            "the signature verifies with the shared key");
        Assert.False(WebhookSignature.Verify(Encoding.UTF8.GetBytes("another key, not the one shared"), hook.Headers[WebhookSignature.TimestampHeader], hook.Body,
            hook.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow));
        using var body = JsonDocument.Parse(hook.Body);
        Assert.Equal(hook.Headers[WebhookSignature.IdempotencyHeader], body.RootElement.GetProperty("key").GetString());
        Assert.Equal((studio.StudioId, "ops", "war-room"), (body.RootElement.GetProperty("studio").GetString(), body.RootElement.GetProperty("subscription").GetString(), body.RootElement.GetProperty("group").GetString()));
        Assert.StartsWith($"[{studio.StudioId}] Critical incident", body.RootElement.GetProperty("subject").GetString(), StringComparison.Ordinal);

        var room = await Eventually.Until(() => Task.FromResult(fixture.Receiver.Accepted(slack).FirstOrDefault()), r => r is not null, "the Slack payload");
        using var payload = JsonDocument.Parse(room!.Body);
        Assert.StartsWith($"[{studio.StudioId}] Critical incident", payload.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("War room", payload.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_gets_the_message_once_when_it_is_back()
    {
        var path = $"hooks/{Ids.New("flaky")}";
        fixture.Receiver.Rules[$"/{path}"] = before => before < 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var measured = new System.Collections.Concurrent.ConcurrentQueue<(string Instrument, string? Studio, string? Channel)>();
        using var meter = new System.Diagnostics.Metrics.MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name.StartsWith("orchestration.notifications.", StringComparison.Ordinal)) listener.EnableMeasurementEvents(instrument);
        };
        void Record(System.Diagnostics.Metrics.Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> all, string key) { foreach (var t in all) if (t.Key == key) return t.Value as string; return null; }
            measured.Enqueue((instrument.Name, Tag(tags, "studio"), Tag(tags, "channel")));
        }
        meter.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        meter.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        meter.Start();
        var (studio, notifications) = await Studio(new Subscription("ops", "war-room", NotificationChannel.Webhook, [fixture.Receiver.Url(path)], Alerts: [AlertKind.CriticalIncident], Secret: "hooks"));

        await Incident(studio);
        var failed = await Eventually.Until(notifications.GetOverview, o => o.Pending.Any(m => m.Attempts == 1), "the first failed attempt");
        Assert.Contains("503", failed.Pending.Single().LastError, StringComparison.Ordinal);
        await Eventually.Until(() => Later(notifications), _ => fixture.Receiver.Accepted(path).Any(), "the receiver back");

        var accepted = Assert.Single(fixture.Receiver.Accepted(path));
        Assert.Equal(3, fixture.Receiver.Requests.Count(r => r.Path == $"/{path}"));
        Assert.All(fixture.Receiver.Requests.Where(r => r.Path == $"/{path}"), r => Assert.Equal(accepted.Headers[WebhookSignature.IdempotencyHeader], r.Headers[WebhookSignature.IdempotencyHeader]));
        var overview = await notifications.GetOverview();
        Assert.Empty(overview.Pending);
        Assert.Equal(new ChannelCounts(1, 1, 2, 0), overview.Counts[NotificationChannel.Webhook]);
        // The same on the Orchestration meter, by studio and channel.
        var mine = measured.Where(m => m.Studio == studio.StudioId).ToList();
        Assert.All(mine, m => Assert.Equal("webhook", m.Channel));
        Assert.Equal([("orchestration.notifications.failed", 2), ("orchestration.notifications.latency", 1), ("orchestration.notifications.retried", 1), ("orchestration.notifications.sent", 1)],
            mine.GroupBy(m => m.Instrument).Select(g => (g.Key, g.Count())).OrderBy(x => x.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_receiver_failing_for_good_sees_the_message_dead_lettered_then_resent_on_request_once()
    {
        var path = $"hooks/{Ids.New("broken")}";
        fixture.Receiver.Rules[$"/{path}"] = _ => HttpStatusCode.InternalServerError;
        var (studio, notifications) = await Studio(new Subscription("ops", "war-room", NotificationChannel.Webhook, [fixture.Receiver.Url(path)], Alerts: [AlertKind.CriticalIncident], Secret: "hooks"));

        await Incident(studio);
        var overview = await Eventually.Until(async () => { await Later(notifications); return await notifications.GetOverview(); }, o => o.DeadLetters.Count > 0, "the dead letter");

        var dead = Assert.Single(overview.DeadLetters);
        Assert.Equal(NotificationsFixture.MaxAttempts, dead.Attempts);
        Assert.Contains("500", dead.LastError, StringComparison.Ordinal);
        Assert.Empty(overview.Pending);
        Assert.Equal(NotificationsFixture.MaxAttempts, fixture.Receiver.Requests.Count(r => r.Path == $"/{path}"));
        await Later(notifications);
        Assert.Equal(NotificationsFixture.MaxAttempts, fixture.Receiver.Requests.Count(r => r.Path == $"/{path}")); // a dead letter waits

        fixture.Receiver.Rules[$"/{path}"] = _ => HttpStatusCode.OK;
        await notifications.Resend(dead.Key);

        var accepted = Assert.Single(fixture.Receiver.Accepted(path));
        Assert.Equal(dead.Key, accepted.Headers[WebhookSignature.IdempotencyHeader]);
        var after = await notifications.GetOverview();
        Assert.Empty(after.DeadLetters);
        Assert.Empty(after.Pending);
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => notifications.Resend(dead.Key));
        Assert.Equal("key", refused.Field);
    }

    [Fact]
    public async Task A_thousand_subscribers_of_one_alert_each_receive_it_once()
    {
        var crowd = Ids.New("crowd");
        var (studio, notifications) = await Studio([.. Enumerable.Range(0, 1_000).Select(i =>
            new Subscription($"s{i:0000}", "war-room", NotificationChannel.Webhook, [fixture.Receiver.Url($"{crowd}/{i}")], Alerts: [AlertKind.CriticalIncident], Secret: "hooks"))]);

        await Incident(studio);

        await Eventually.Until(() => Task.FromResult(fixture.Receiver.Accepted(crowd).Count()), n => n >= 1_000, "a thousand deliveries", TimeSpan.FromMinutes(2));
        await notifications.Tick();
        var accepted = fixture.Receiver.Accepted(crowd).ToList();
        Assert.Equal(1_000, accepted.Count);
        Assert.Equal(1_000, accepted.Select(r => r.Path).Distinct().Count());
        Assert.Equal(1_000, accepted.Select(r => r.Headers[WebhookSignature.IdempotencyHeader]).Distinct().Count());
        Assert.Empty((await notifications.GetOverview()).Pending);
    }
}
