using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications.Composing;

/// <summary>An alert: which kind, its subject line and its text.</summary>
public sealed record Alert(AlertKind Kind, string Subject, string Text);

/// <summary>Which journal events owe an alert, and what it says. Pure, so it is tested without a cluster.</summary>
public static class AlertComposer
{
    public static Alert? For(StudioEvent e, string? consoleUrl) => e switch
    {
        EscalationRaised { Escalation.Class: EscalationClass.CriticalIncident } raised => new(AlertKind.CriticalIncident,
            $"[{e.StudioId}] Critical incident: {raised.Escalation.Summary}",
            Lines($"Critical incident {raised.Escalation.EscalationId} raised by {raised.Escalation.RaisedBy} at {Display.When(e.At)}: {raised.Escalation.Summary}",
                "War room: respond at once.", Link(consoleUrl, e.StudioId, "escalations"))),
        EscalationBreached breached => new(AlertKind.SlaBreach,
            $"[{e.StudioId}] SLA missed: {Display.Words(breached.Escalation.Class)} {breached.Escalation.EscalationId}",
            Lines($"{Display.Words(breached.Escalation.Class)} {breached.Escalation.EscalationId} ({breached.Escalation.Summary}) was due {Display.When(breached.Breach.DueAt)}; " +
                  $"now at level {breached.Breach.Level}{(breached.Escalation.EscalatedTo is { } who ? $", {who} told" : "")}.",
                breached.Escalation.ProjectId is { } project ? $"Project: {project}." : null, Link(consoleUrl, e.StudioId, "escalations"))),
        DecisionHeld held => new(AlertKind.DecisionHeld,
            $"[{e.StudioId}] Decision needed: {held.ConflictId}",
            Lines($"The decision on {held.ConflictId} is held for a human: {held.Because}.", e.Summary, Link(consoleUrl, e.StudioId, "decisions"))),
        DecisionRecorded recorded => new(AlertKind.DecisionTaken,
            $"[{e.StudioId}] Decided: {recorded.Decision.ConflictId}",
            Lines($"{recorded.Chosen?.Summary ?? Display.Words(recorded.Decision.Chosen)} (decided by {recorded.Decision.DecidedBy}, {Display.When(recorded.Decision.DecidedAt)}).",
                recorded.Chosen?.Impact is { } impact ? $"Revenue at risk: {Display.Money(impact.RevenueAtRisk)}; schedule slip: {Display.Days(impact.ScheduleSlipDays)}." : null,
                $"Why: {recorded.Decision.Rationale}", Link(consoleUrl, e.StudioId, "decisions"))),
        _ => null,
    };

    private static string? Link(string? consoleUrl, string studioId, string page) =>
        consoleUrl is null ? null : $"{consoleUrl.TrimEnd('/')}/studios/{Uri.EscapeDataString(studioId)}/{page}";

    private static string Lines(params string?[] lines) => string.Join("\n\n", lines.Where(l => !string.IsNullOrWhiteSpace(l)));
}
