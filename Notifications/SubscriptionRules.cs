using MimeKit;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications;

/// <summary>What a subscription must be, checked before anything is stored: each refusal names the field and the reason.</summary>
public static class SubscriptionRules
{
    public const int MaxRecipients = 100;
    public const int MaxSubscriptions = 2_000;

    public static Subscription Check(Subscription? subscription, IReadOnlyDictionary<string, string> secrets)
    {
        subscription = Require.Present(subscription, "subscription");
        Require.Id(subscription.SubscriptionId, "subscription.subscriptionId");
        Require.Id(subscription.Group, "subscription.group");
        Require.Defined(subscription.Channel, "subscription.channel");
        var to = subscription.To ?? [];
        if (to.Count == 0) throw new InvalidRequestException("subscription.to", "names no recipient (an email address, or the webhook's URL)");
        if (to.Count > MaxRecipients) throw new InvalidRequestException("subscription.to", $"has {to.Count} recipients; at most {MaxRecipients} are allowed");
        for (var i = 0; i < to.Count; i++)
        {
            if (subscription.Channel == NotificationChannel.Email)
            {
                if (!MailboxAddress.TryParse(to[i], out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
                    throw new InvalidRequestException($"subscription.to[{i}]", $"'{to[i]}' is not an email address");
            }
            else if (i > 0) throw new InvalidRequestException("subscription.to", "a webhook has one URL");
            else if (!Uri.TryCreate(to[i], UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                throw new InvalidRequestException("subscription.to[0]", $"'{to[i]}' is not an http(s) URL");
        }

        if (subscription.Briefing is { } briefing)
        {
            if (BriefingKind.All.All(k => k.Name != briefing))
                throw new InvalidRequestException("subscription.briefing", $"'{briefing}' is not a briefing ({string.Join(", ", BriefingKind.All.Select(k => k.Name))})");
            Require.InRange(subscription.EveryDays, 1, 92, "subscription.everyDays");
        }

        var alerts = subscription.Alerts ?? [];
        for (var i = 0; i < alerts.Count; i++) Require.Defined(alerts[i], $"subscription.alerts[{i}]");
        if (subscription.Briefing is null && alerts.Count == 0)
            throw new InvalidRequestException("subscription", "sends nothing: give a briefing and its cadence, alerts, or both");
        if (subscription.Secret is { } secret && !secrets.ContainsKey(secret))
            throw new InvalidRequestException("subscription.secret", $"no key '{secret}' is configured (Notifications:Secrets:{secret})");
        if (subscription.Channel == NotificationChannel.Webhook && subscription.Secret is null)
            throw new InvalidRequestException("subscription.secret", "a webhook is signed: name a key configured in Notifications:Secrets");
        return subscription with { To = [.. to], Alerts = [.. alerts.Distinct()] };
    }
}
