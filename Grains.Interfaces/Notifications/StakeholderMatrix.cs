namespace Orchestration.Grains.Interfaces.Notifications;

/// <summary>
/// The seed's Stakeholder Communication Matrix as defaults: a subscription that names a group and its recipients and
/// leaves the rest out gets the channel, briefing, cadence and alerts the matrix gives that group.
/// </summary>
public static class StakeholderMatrix
{
    /// <summary>What one group hears by default.</summary>
    public sealed record Row(string Group, NotificationChannel Channel, string? Briefing, int EveryDays, IReadOnlyList<AlertKind> Alerts, string Content);

    public static readonly IReadOnlyList<Row> Rows =
    [
        new("executive-team", NotificationChannel.Email, "stakeholder-update", 14, [AlertKind.DecisionTaken], "Strategic progress, key decisions (bi-weekly)"),
        new("product-managers", NotificationChannel.Slack, "portfolio", 7, [], "Roadmap status, priorities (weekly)"),
        new("engineering-leads", NotificationChannel.Email, "weekly-sync", 7, [], "Technical health, capacity (weekly)"),
        new("business-teams", NotificationChannel.Email, "impact-report", 30, [], "Impact reports, success stories (monthly)"),
        new("approvers", NotificationChannel.Email, null, 0, [AlertKind.DecisionHeld], "Decisions held for a human (at once)"),
        new("war-room", NotificationChannel.Slack, null, 0, [AlertKind.CriticalIncident, AlertKind.SlaBreach], "Critical incidents and SLA breaches (at once)"),
    ];

    public static Row? For(string? group) => Rows.FirstOrDefault(r => r.Group == group);

    /// <summary>A subscription of <paramref name="group"/>: what is left out (null) is the group's row, or email and
    /// nothing else for a group the matrix does not name. Configuration, the CLI and scenarios all write it so.</summary>
    public static Subscription Subscription(string id, string group, IReadOnlyList<string> to, NotificationChannel? channel = null,
        string? briefing = null, int? everyDays = null, IReadOnlyList<AlertKind>? alerts = null, string? secret = null)
    {
        var row = For(group);
        return new Subscription(id, group, channel ?? row?.Channel ?? NotificationChannel.Email, to,
            briefing ?? row?.Briefing, everyDays ?? row?.EveryDays ?? 0, alerts ?? row?.Alerts ?? [], secret);
    }
}
