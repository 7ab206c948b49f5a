using System.Globalization;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;

namespace Orchestration.Grains.Interfaces.Briefings;

/// <summary>
/// The seed's meetings and reports, from a <see cref="StudioBriefing"/>: the weekly agent sync agenda and the
/// bi-weekly stakeholder update, with exactly the seed's agenda sections, and the portfolio status table.
/// </summary>
public static class StudioReports
{
    public static readonly IReadOnlyList<string> WeeklySyncSections =
    [
        "1. Agent status round-robin (10 min)",
        "2. Cross-agent dependencies review (10 min)",
        "3. Escalations and decisions needed (10 min)",
    ];

    public static readonly IReadOnlyList<string> StakeholderUpdateSections =
    [
        "1. Progress against OKRs (15 min)",
        "2. Key wins and learnings (10 min)",
        "3. Risks and mitigation plans (10 min)",
        "4. Upcoming milestones (5 min)",
        "5. Q&A and feedback (5 min)",
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static ReportDocument WeeklyAgentSync(StudioBriefing b) => new(
        $"Weekly Agent Sync — {b.StudioId}",
        $"30 min, {b.At:yyyy-MM-dd}. Covers {b.PeriodStart:yyyy-MM-dd} to {b.At:yyyy-MM-dd}.",
        [
            new(WeeklySyncSections[0], b.Agents.Count == 0 ? ["No agent is registered."] : [],
                b.Agents.Count == 0 ? null : Table(["Agent", "Kind", "Load", "Open blockers", "Projects"],
                    b.Agents.Select(a => Row(a.AgentId, a.Kind, $"{a.ActiveItems}/{a.Capacity} ({Percent(a.Utilization)})", a.OpenBlockers.ToString(Invariant), string.Join(", ", a.Projects))))),
            new(WeeklySyncSections[1],
                [.. b.ActiveConflicts.Select(c => $"- {c.ConflictId} [{c.Status}]: {c.Reason}"), .. b.Dependencies.Count == 0 && b.ActiveConflicts.Count == 0 ? ["No cross-agent dependency."] : Array.Empty<string>()],
                b.Dependencies.Count == 0 ? null : Table(["Item", "Owner", "Ends", "Needs"],
                    b.Dependencies.Select(i => Row(i.ItemId, i.OwnerAgentId, i.End.ToString("yyyy-MM-dd", Invariant), string.Join(", ", i.DependsOn.Select(d => d.LeadDays > 0 ? $"{d.ItemId} ({d.LeadDays} d ahead)" : d.ItemId)))))),
            new(WeeklySyncSections[2],
                [
                    .. b.PendingDecisions.Select(c => $"- Decision needed on {c.ConflictId}: {c.HeldBecause} (decide by {c.SlaDue:u})"),
                    .. b.SystemicIssues.Select(s => $"- Systemic issue '{s.Category}' in {string.Join(", ", s.ProjectIds)}"),
                    .. b.OpenEscalations.Count == 0 && b.PendingDecisions.Count == 0 ? ["Nothing to escalate or decide."] : Array.Empty<string>(),
                ],
                b.OpenEscalations.Count == 0 ? null : EscalationTable(b.OpenEscalations, b.At)),
        ]);

    public static ReportDocument StakeholderUpdate(StudioBriefing b) => new(
        $"Stakeholder Update — {b.StudioId}",
        $"45 min, {b.At:yyyy-MM-dd}. Covers {b.PeriodStart:yyyy-MM-dd} to {b.At:yyyy-MM-dd}.",
        [
            new(StakeholderUpdateSections[0],
                [.. b.Objectives.Count == 0 ? ["No objective set for this quarter."] : b.Objectives.Select(o => $"- {o.ObjectiveId} {o.Title}: {Percent(o.Score)} ({string.Join(", ", o.KeyResults.Select(k => $"{k.Description} {k.Current:0.##}/{k.Target:0.##} {k.Unit}"))})")],
                Table(["Metric", "Value", "Target", "Standing", "Trend"], b.Metrics.Metrics.Where(m => m.Table == "Business Alignment").Select(MetricRow))),
            new(StakeholderUpdateSections[1],
                [
                    .. b.Wins.Select(w => $"- Done: {w.Kind.ToString().ToLowerInvariant()} {w.ItemId} ({w.ProjectId}) on {w.CompletedAt:yyyy-MM-dd}"),
                    .. b.HandoffsThisPeriod.Where(h => h.Status == Grains.Interfaces.Handoffs.HandoffStatus.Accepted).Select(h => $"- Handoff: {h.Offer.FromAgentId} → {h.Offer.ToAgentId}, {h.Offer.Summary}"),
                    .. b.Learnings.Select(l => $"- Learned: {l}"),
                    .. b.Wins.Count == 0 && b.Learnings.Count == 0 ? ["Nothing shipped or learned this period."] : Array.Empty<string>(),
                ]),
            new(StakeholderUpdateSections[2],
                b.OpenRisks.Count == 0 ? ["No open risk."] : [],
                b.OpenRisks.Count == 0 ? null : Table(["Risk", "Project", "Severity", "Likelihood", "Owner", "Mitigation", "Due"],
                    b.OpenRisks.Select(r => Row(r.Summary, r.ProjectId, r.Severity.ToString(), Percent(r.Likelihood ?? 0), r.Owner,
                        string.IsNullOrEmpty(r.Mitigation) ? "none yet" : r.Mitigation, r.Due?.ToString("yyyy-MM-dd", Invariant) ?? "")))),
            new(StakeholderUpdateSections[3],
                b.UpcomingMilestones.Count == 0 ? ["No milestone in the next two weeks."] : [],
                b.UpcomingMilestones.Count == 0 ? null : Table(["Milestone", "Project", "Due"],
                    b.UpcomingMilestones.Select(m => Row(m.Milestone.Name, m.ProjectName, m.Milestone.Due.ToString("yyyy-MM-dd", Invariant))))),
            new(StakeholderUpdateSections[4], ["Questions and feedback from stakeholders."]),
        ]);

    public static ReportDocument PortfolioStatus(StudioBriefing b) => new(
        $"Portfolio Status — {b.StudioId}",
        $"As of {b.At:yyyy-MM-dd HH:mm} UTC; decisions since {b.PeriodStart:yyyy-MM-dd}.",
        [
            new("Projects", b.Projects.Count == 0 ? ["No project declared."] : [],
                Table(["Project", "Status", "Trend", "Open escalations (SLA left)", "Decisions this period"],
                    b.Projects.Select(p => Row(
                        $"{p.Name} ({p.ProjectId})",
                        p.Cadence == ReviewCadence.Daily ? $"{p.Status} (intervention)" : p.Status.ToString(),
                        Trend(p.Status, p.LastWeek),
                        p.OpenEscalations.Count == 0 ? "none" : string.Join("; ", p.OpenEscalations.Select(e => $"{e.EscalationId} {e.Class} {SlaLeft(e, b.At)}")),
                        p.DecisionsThisPeriod is { Count: > 0 } d ? string.Join("; ", d) : "none")))),
            new("Metrics", [], Table(["Metric", "Value", "Target", "Standing", "Trend"], b.Metrics.Metrics.Select(MetricRow))),
        ]);

    public static string SlaLeft(Escalation escalation, DateTimeOffset now)
    {
        if (escalation.Responded) return escalation.Breached ? "responded late" : "responded in time";
        var left = escalation.DueAt - now;
        if (left >= TimeSpan.Zero) return $"{Duration(left)} left";
        return $"overdue {Duration(-left)}" + (escalation.Breached ? $" (level {escalation.Level}{(escalation.EscalatedTo is { } who ? $", {who} told" : "")})" : "");
    }

    private static string Trend(ProjectStatus now, ProjectStatus? lastWeek) => lastWeek switch
    {
        null => "new",
        var before when before == now => "steady",
        var before when now < before => "improving",
        _ => "worsening",
    };

    private static string[] MetricRow(MetricValue m) => Row(
        m.Name,
        m.Value is not { } v ? "no data" : m.Unit switch { "%" => Percent(v), "% change" => Percent(v), _ => v.ToString("0.##", Invariant) + (m.Unit is "days" ? " d" : "") },
        m.Target, m.Standing.ToString(), m.Trend.ToString());

    private static ReportTable EscalationTable(IEnumerable<Escalation> escalations, DateTimeOffset now) =>
        Table(["Escalation", "Class", "Level", "Status", "SLA", "Summary"],
            escalations.Select(e => Row(e.EscalationId, e.Class.ToString(), e.Level.ToString(Invariant), e.Status.ToString(), SlaLeft(e, now), e.Summary)));

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, (int)span.TotalMinutes)} min";

    private static string Percent(double value) => value.ToString("0%", Invariant);

    private static string[] Row(params string[] cells) => cells;

    private static ReportTable Table(IReadOnlyList<string> headers, IEnumerable<string[]> rows) => new(headers, [.. rows]);
}
