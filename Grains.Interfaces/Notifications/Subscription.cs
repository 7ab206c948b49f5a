namespace Orchestration.Grains.Interfaces.Notifications;

/// <summary>How a message leaves the studio.</summary>
[GenerateSerializer, Alias("orch.NotificationChannel")]
public enum NotificationChannel
{
    /// <summary>Email over SMTP, with an HTML and a plain-text part.</summary>
    Email = 1,

    /// <summary>A JSON POST signed with HMAC-SHA256 (docs/OPERATIONS.md says how a receiver verifies it).</summary>
    Webhook = 2,

    /// <summary>A Slack-compatible incoming-webhook payload (<c>text</c> and <c>blocks</c>), signed like a webhook.</summary>
    Slack = 3,
}

/// <summary>What happens in a studio that someone must hear of at once.</summary>
[GenerateSerializer, Alias("orch.AlertKind")]
public enum AlertKind
{
    /// <summary>A critical incident was raised: the war room.</summary>
    CriticalIncident = 1,

    /// <summary>An escalation missed its SLA (each step of its ladder).</summary>
    SlaBreach = 2,

    /// <summary>A conflict's decision is held for a human: the approvers.</summary>
    DecisionHeld = 3,

    /// <summary>A decision was taken (the executive team's "key decisions").</summary>
    DecisionTaken = 4,
}

/// <summary>
/// Who hears what, through which channel, how often: one row of the seed's communication matrix for one studio. A
/// subscription sends a briefing on a cadence (<see cref="Briefing"/> every <see cref="EveryDays"/> days on the studio
/// clock), alerts as they happen (<see cref="Alerts"/>), or both. Secrets are never stored here: <see cref="Secret"/>
/// names a key the silo reads from configuration (<c>Notifications:Secrets:{name}</c>).
/// </summary>
/// <param name="SubscriptionId">Unique in the studio; setting it again replaces the subscription.</param>
/// <param name="Group">The stakeholder group (executive-team, product-managers, engineering-leads, business-teams,
/// approvers, war-room, or a name of yours).</param>
/// <param name="To">Email addresses (email), or the one URL (webhook, slack).</param>
/// <param name="Briefing">A briefing's name (weekly-sync, stakeholder-update, impact-report, portfolio), or null.</param>
[GenerateSerializer, Immutable, Alias("orch.Subscription")]
public sealed record Subscription(
    string SubscriptionId,
    string Group,
    NotificationChannel Channel,
    IReadOnlyList<string> To,
    string? Briefing = null,
    int EveryDays = 0,
    IReadOnlyList<AlertKind>? Alerts = null,
    string? Secret = null);
