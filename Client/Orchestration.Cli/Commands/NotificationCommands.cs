using System.CommandLine;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Cli.Commands;

/// <summary>The studio's notifications, for operators: the stakeholder matrix's subscriptions, what is owed, dead
/// letters and resending them. SMTP servers and webhook keys are the silo's configuration (docs/OPERATIONS.md).</summary>
internal static class NotificationCommands
{
    public static Command Create()
    {
        var notifications = new Command("notifications", "Who hears what, through which channel, how often; messages owed and dead letters");

        var list = new Command("list", "Subscriptions, messages owed, dead letters and counts per channel");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Notifications.GetOverview(), o => string.Join(Environment.NewLine + Environment.NewLine,
                o.Subscriptions.Count == 0 ? "no subscriptions" : CliContext.Table(o.Subscriptions,
                    ("ID", s => s.SubscriptionId), ("GROUP", s => s.Group), ("CHANNEL", s => Display.Words(s.Channel)), ("TO", s => string.Join(", ", s.To)),
                    ("BRIEFING", s => s.Briefing is { } b ? $"{b} every {Display.Days(s.EveryDays)}" : "-"),
                    ("ALERTS", s => s.Alerts is { Count: > 0 } a ? string.Join(", ", a.Select(Display.Words)) : "-")),
                o.Pending.Count == 0 ? "nothing owed" : "owed:" + Environment.NewLine + Messages(o.Pending),
                o.DeadLetters.Count == 0 ? "no dead letters" : "dead letters (resend with: notifications resend KEY):" + Environment.NewLine + Messages(o.DeadLetters),
                CliContext.Table(o.Counts, ("CHANNEL", c => Display.Words(c.Key)), ("SENT", c => c.Value.Sent), ("RETRIED", c => c.Value.Retried),
                    ("FAILED ATTEMPTS", c => c.Value.Failed), ("DEAD-LETTERED", c => c.Value.DeadLettered))))));
        notifications.Subcommands.Add(list);

        var id = new Option<string>("--id") { Description = "The subscription's id (setting it again replaces it)", Required = true };
        var group = new Option<string>("--group") { Description = $"The stakeholder group: {string.Join(", ", StakeholderMatrix.Rows.Select(r => r.Group))}, or yours", Required = true };
        var channel = new Option<NotificationChannel?>("--channel") { Description = "Email, Webhook or Slack (default: the group's in the matrix)" };
        var to = new Option<string[]>("--to") { Description = "Email addresses (repeat), or the webhook's URL", Required = true, AllowMultipleArgumentsPerToken = true };
        var briefing = new Option<string>("--briefing") { Description = $"{string.Join(", ", BriefingKind.All.Select(k => k.Name))} (default: the group's)" };
        var every = new Option<int?>("--every-days") { Description = "The briefing's cadence in days (default: the group's)" };
        var alerts = new Option<AlertKind[]>("--alert") { Description = "CriticalIncident, SlaBreach, DecisionHeld, DecisionTaken (repeat; default: the group's)", AllowMultipleArgumentsPerToken = true };
        var secret = new Option<string>("--secret") { Description = "The name of the signing key in the silo's Notifications:Secrets (required for Webhook)" };
        var subscribe = new Command("subscribe", "Add or replace a subscription; what is left out comes from the seed's communication matrix for the group")
            { id, group, channel, to, briefing, every, alerts, secret };
        subscribe.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var subscription = StakeholderMatrix.Subscription(parse.GetValue(id)!, parse.GetValue(group)!, parse.GetValue(to)!, parse.GetValue(channel),
                parse.GetValue(briefing), parse.GetValue(every), parse.GetValue(alerts) is { Length: > 0 } named ? named : null, parse.GetValue(secret));
            CliContext.Print(parse, await studio.Notifications.SetSubscription(subscription), s => $"subscribed: {s.SubscriptionId} ({s.Group}, {Display.Words(s.Channel)})");
        }));
        notifications.Subcommands.Add(subscribe);

        var subscriptionId = new Argument<string>("subscription-id");
        var unsubscribe = new Command("unsubscribe", "Remove a subscription set from the CLI or the API (configured ones change with configuration)") { subscriptionId };
        unsubscribe.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            await studio.Notifications.RemoveSubscription(parse.GetValue(subscriptionId)!);
            Console.WriteLine("removed");
        }));
        notifications.Subcommands.Add(unsubscribe);

        var key = new Argument<string>("key") { Description = "The dead letter's key (notifications list)" };
        var resend = new Command("resend", "Put a dead letter back in the outbox, with the same idempotency key, and send it now") { key };
        resend.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Notifications.Resend(parse.GetValue(key)!), m => $"queued again: {m.Key}")));
        notifications.Subcommands.Add(resend);

        var send = new Command("send-due", "Catch up with the journal, queue due briefings, deliver what is due now (a reminder does it every minute)");
        send.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.Notifications.Tick(), sent => sent.Count == 0 ? "nothing was due" : $"delivered {sent.Count}:" + Environment.NewLine + Messages(sent))));
        notifications.Subcommands.Add(send);
        return notifications;
    }

    private static string Messages(IEnumerable<OutboxMessage> messages) => CliContext.Table(messages,
        ("KEY", m => m.Key), ("SUBJECT", m => m.Subject), ("ATTEMPTS", m => m.Attempts), ("NEXT", m => m.NextAttemptAt is { } at ? Display.When(at) : "-"), ("LAST ERROR", m => m.LastError ?? "-"));
}
