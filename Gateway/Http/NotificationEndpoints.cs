using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Notifications;
using static Orchestration.Gateway.Http.RequestRules;

namespace Orchestration.Gateway.Http;

/// <summary>The studio's notifications, for operators: subscriptions, what is owed, dead letters and resending them.</summary>
internal static class NotificationEndpoints
{
    public static void Map(RouteGroupBuilder studio)
    {
        var notifications = studio.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization(GatewayPolicies.Operator);
        notifications.MapGet("/", (Caller caller, IGrainFactory grains) => Notifications(grains, caller).GetOverview())
            .WithSummary("Subscriptions, messages owed, dead letters and counts per channel");
        notifications.MapPut("/subscriptions/{subscriptionId}", (Caller caller, IGrainFactory grains, string subscriptionId, Subscription subscription) =>
            Notifications(grains, caller).SetSubscription(Required(subscription) with { SubscriptionId = SameId(subscriptionId, subscription.SubscriptionId, "subscriptionId") }))
            .WithSummary("Add or replace a subscription: a group, a channel (email, webhook, slack), recipients, a briefing and its cadence, alerts");
        notifications.MapDelete("/subscriptions/{subscriptionId}", async (Caller caller, IGrainFactory grains, string subscriptionId) =>
            {
                await Notifications(grains, caller).RemoveSubscription(subscriptionId);
                return Results.NoContent();
            })
            .WithSummary("Remove a subscription (idempotent)");
        notifications.MapPost("/resend", (Caller caller, IGrainFactory grains, ResendRequest request) => Notifications(grains, caller).Resend(Required(request).Key))
            .WithSummary("Put a dead letter back in the outbox (same idempotency key) and send it now");
        notifications.MapPost("/tick", (Caller caller, IGrainFactory grains) => Notifications(grains, caller).Tick())
            .WithSummary("Catch up with the journal, queue due briefings and deliver what is due now (a reminder does it every minute)");
    }

    private static INotificationsGrain Notifications(IGrainFactory grains, Caller caller) => grains.GetGrain<INotificationsGrain>(caller.StudioId);
}

/// <summary>Which dead letter to send again (keys hold slashes, so they travel in the body).</summary>
public sealed record ResendRequest(string Key);
