using System.Globalization;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;

namespace Orchestration.Grains.Interfaces.Briefings;

/// <summary>
/// The seed's meetings and reports, from a <see cref="StudioBriefing"/>: the weekly agent sync agenda and the
/// bi-weekly stakeholder update (exactly the seed's agenda sections), the monthly impact report for business teams,
/// and the portfolio status table. Every decision, status change, SLA breach and intervention of the period appears
/// where the seed's agenda puts it; an empty section says what was looked at.
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

    public static readonly IReadOnlyList<string> ImpactReportSections =
    [
        "1. Objectives and business impact",
        "2. Success stories",
        "3. Decisions and what they protected",
        "4. Delivery and quality",
    ];

    public static ReportDocument WeeklyAgentSync(StudioBriefing b) => new(
        $"Weekly Agent Sync — {b.StudioId}",
        $"30 min, {Display.Day(b.At)}. Covers {Display.Day(b.PeriodStart)} to {Display.Day(b.At)}.",
        [
            new(WeeklySyncSections[0],
                [
                    .. StatusChangeLines(b),
                    .. b.Agents.Count == 0 ? ["No agent is registered."] : Array.Empty<string>(),
                ],
                b.Agents.Count == 0 ? null : Table(["Agent", "Kind", "Load", "Open blockers", "Projects"],
                    b.Agents.Select(a => Row(a.AgentId, a.Kind, $"{a.ActiveItems}/{a.Capacity} ({Display.Percent(a.Utilization)})", a.OpenBlockers.ToString(Invariant), string.Join(", ", a.Projects))))),
            new(WeeklySyncSections[1],
                [
                    .. DecisionLines(b),
                    .. b.ActiveConflicts.Where(c => c.Status != Conflicts.ConflictStatus.Decided).Select(c => $"- Open conflict {c.ConflictId} ({Display.Words(c.Status)}): {c.Reason}"),
                    .. b.Dependencies.Count == 0 && b.ActiveConflicts.Count == 0 && Decided(b).Count == 0
                        ? ["No cross-agent dependency, conflict or decision this week."] : Array.Empty<string>(),
                ],
                b.Dependencies.Count == 0 ? null : Table(["Item", "Owner", "Ends", "Needs"],
                    b.Dependencies.Select(i => Row(i.ItemId, i.OwnerAgentId, i.End.ToString("yyyy-MM-dd", Invariant), string.Join(", ", i.DependsOn.Select(d => d.LeadDays > 0 ? $"{d.ItemId} ({Display.Days(d.LeadDays)} ahead)" : d.ItemId)))))),
            new(WeeklySyncSections[2],
                [
                    .. b.PendingDecisions.Select(c => $"- Decision needed on {c.ConflictId}: {c.HeldBecause} (decide by {Display.When(c.SlaDue)})"),
                    .. BreachLines(b),
                    .. InterventionLines(b),
                    .. b.SystemicIssues.Select(s => $"- Systemic issue '{s.Category}' in {string.Join(", ", s.ProjectIds)}"),
                    .. b.OpenEscalations.Count == 0 && b.PendingDecisions.Count == 0 && Breaches(b).Count == 0 && Interventions(b).Count == 0 && b.SystemicIssues.Count == 0
                        ? ["Nothing to escalate or decide: no open escalation, no decision held, no SLA breach, no intervention."] : Array.Empty<string>(),
                ],
                b.OpenEscalations.Count == 0 ? null : EscalationTable(b.OpenEscalations, b.At)),
        ]);

    public static ReportDocument StakeholderUpdate(StudioBriefing b) => new(
        $"Stakeholder Update — {b.StudioId}",
        $"45 min, {Display.Day(b.At)}. Covers {Display.Day(b.PeriodStart)} to {Display.Day(b.At)}.",
        [
            Objectives(StakeholderUpdateSections[0], b),
            new(StakeholderUpdateSections[1],
                [
                    .. b.Wins.Select(w => $"- Done: {Display.Words(w.Kind)} {w.ItemId} ({w.ProjectId}) on {Display.Day(w.CompletedAt)}"),
                    .. b.HandoffsThisPeriod.Where(h => h.Status == Handoffs.HandoffStatus.Accepted).Select(h => $"- Handoff: {h.Offer.FromAgentId} → {h.Offer.ToAgentId}, {h.Offer.Summary}"),
                    .. Improved(b).Select(c => $"- {c.ProjectName} improved to {Display.Words(c.To)} on {Display.Day(c.At)}: {c.Reason}"),
                    .. b.Learnings.Select(l => $"- Learned: {l}"),
                    .. b.Wins.Count == 0 && b.Learnings.Count == 0 && Improved(b).Count == 0
                        ? ["Nothing shipped, improved or learned this period."] : Array.Empty<string>(),
                ]),
            new(StakeholderUpdateSections[2],
                [
                    .. DecisionLines(b),
                    .. Worsened(b).Select(c => $"- {c.ProjectName} went {Display.Words(c.From ?? Portfolio.ProjectStatus.Green)} → {Display.Words(c.To)} on {Display.Day(c.At)}: {c.Reason}"),
                    .. BreachLines(b),
                    .. InterventionLines(b),
                    .. b.OpenRisks.Count == 0 && Decided(b).Count == 0 && Breaches(b).Count == 0 && Worsened(b).Count == 0
                        ? ["No open risk, no decision, no project worsened and no SLA breach this period."] : Array.Empty<string>(),
                ],
                b.OpenRisks.Count == 0 ? null : Table(["Risk", "Project", "Severity", "Likelihood", "Owner", "Mitigation", "Due"],
                    b.OpenRisks.Select(r => Row(r.Summary, r.ProjectId, Display.Words(r.Severity), r.Likelihood is { } l ? Display.Percent(l) : "not given", r.Owner ?? "",
                        string.IsNullOrEmpty(r.Mitigation) ? "none yet" : r.Mitigation, r.Due?.ToString("yyyy-MM-dd", Invariant) ?? "")))),
            new(StakeholderUpdateSections[3],
                b.UpcomingMilestones.Count == 0 ? ["No milestone in the next two weeks."] : [],
                b.UpcomingMilestones.Count == 0 ? null : Table(["Milestone", "Project", "Due"],
                    b.UpcomingMilestones.Select(m => Row(m.Milestone.Name, m.ProjectName, m.Milestone.Due.ToString("yyyy-MM-dd", Invariant))))),
            new(StakeholderUpdateSections[4], StakeholderRequestLines(b)),
        ]);

    /// <summary>The monthly impact report for business teams: outcomes, success stories, what decisions protected.</summary>
    public static ReportDocument ImpactReport(StudioBriefing b) => new(
        $"Impact Report — {b.StudioId}",
        $"Monthly, {Display.Day(b.At)}. Covers {Display.Day(b.PeriodStart)} to {Display.Day(b.At)}.",
        [
            Objectives(ImpactReportSections[0], b),
            new(ImpactReportSections[1],
                [
                    .. b.Wins.GroupBy(w => w.ProjectId).Select(g => $"- {g.Key}: {string.Join(", ", g.Select(w => $"{Display.Words(w.Kind)} {w.ItemId}"))} done"),
                    .. b.Learnings.Select(l => $"- {l}"),
                    .. b.Wins.Count == 0 && b.Learnings.Count == 0 ? ["Nothing shipped or learned this month."] : Array.Empty<string>(),
                ]),
            new(ImpactReportSections[2],
                Decided(b).Count == 0
                    ? ["No conflict needed a decision this month."]
                    : [$"{Count(Decided(b).Count, "decision")}; revenue at risk under the options chosen: {Display.Money(Decided(b).Sum(d => d.Impact?.RevenueAtRisk ?? 0), b.Currency)}.", .. DecisionLines(b)]),
            new(ImpactReportSections[3], [], MetricTable(b.Metrics.Metrics.Where(m => m.Table is "Quality & Delivery" or "Project Health"))),
        ]);

    public static ReportDocument PortfolioStatus(StudioBriefing b) => new(
        $"Portfolio Status — {b.StudioId}",
        $"As of {Display.When(b.At)}; decisions and changes since {Display.Day(b.PeriodStart)}.",
        [
            new("Projects", b.Projects.Count == 0 ? ["No project declared."] : [],
                Table(["Project", "Status", "Trend", "Open escalations (SLA left)", "Decisions this period"],
                    b.Projects.Select(p => Row(
                        $"{p.Name} ({p.ProjectId})",
                        p.Cadence == ReviewCadence.Daily ? $"{Display.Words(p.Status)} (intervention)" : Display.Words(p.Status),
                        Trend(p.Status, p.LastWeek),
                        p.OpenEscalations.Count == 0 ? "none" : string.Join("; ", p.OpenEscalations.Select(e => $"{e.EscalationId} {Display.Words(e.Class)} {SlaLeft(e, b.At)}")),
                        p.DecisionsThisPeriod is { Count: > 0 } d ? string.Join("; ", d) : "none")))),
            new("Changes this period", [.. StatusChangeLines(b), .. BreachLines(b), .. InterventionLines(b),
                .. StatusChanges(b).Count == 0 && Breaches(b).Count == 0 && Interventions(b).Count == 0 ? ["No status change, SLA breach or intervention this period."] : Array.Empty<string>()]),
            new("Metrics", [], MetricTable(b.Metrics.Metrics)),
        ]);

    private static IReadOnlyList<DecisionBrief> Decided(StudioBriefing b) =>
        b.Decided ?? [.. b.DecisionsThisPeriod.Select(d => new DecisionBrief(d, null, null, null))];

    private static IReadOnlyList<StatusChange> StatusChanges(StudioBriefing b) => b.StatusChanges ?? [];

    /// <summary>Status changes for the better (a project without an earlier status cannot improve) and for the worse
    /// (an unknown earlier status counts as green).</summary>
    private static List<StatusChange> Improved(StudioBriefing b) => [.. StatusChanges(b).Where(c => c.To < c.From)];

    private static List<StatusChange> Worsened(StudioBriefing b) => [.. StatusChanges(b).Where(c => c.To > (c.From ?? Portfolio.ProjectStatus.Green))];

    private static IReadOnlyList<BreachBrief> Breaches(StudioBriefing b) => b.Breaches ?? [];

    private static IReadOnlyList<InterventionBrief> Interventions(StudioBriefing b) => b.Interventions ?? [];

    /// <summary>The quarter's objectives and the Business Alignment metrics (the update's and the impact report's first section).</summary>
    private static ReportSection Objectives(string heading, StudioBriefing b) => new(heading,
        [.. b.Objectives.Count == 0 ? ["No objective set for this quarter."] : b.Objectives.Select(ObjectiveLine)],
        MetricTable(b.Metrics.Metrics.Where(m => m.Table == "Business Alignment")));

    private static ReportTable MetricTable(IEnumerable<MetricValue> metrics) => Table(["Metric", "Value", "Target", "Standing", "Trend"], metrics.Select(MetricRow));

    private static string ObjectiveLine(Okrs.Objective o) =>
        $"- {o.ObjectiveId} {o.Title}: {Display.Percent(o.Score)} ({string.Join(", ", o.KeyResults.Select(k => $"{k.Description} {Display.Number(k.Current)} of {Display.Number(k.Target)} {k.Unit}"))})";

    /// <summary>Each decision of the period: what was chosen, what it costs, why, and the mitigation.</summary>
    private static IEnumerable<string> DecisionLines(StudioBriefing b) => Decided(b).Select(d =>
    {
        var chosen = d.ChosenSummary ?? Display.Words(d.Decision.Chosen);
        var impact = d.Impact is { } i
            ? $" Impact: {Display.Money(i.RevenueAtRisk, b.Currency)} revenue at risk, {(i.ScheduleSlipDays == 0 ? "no slip" : $"{Display.Days(i.ScheduleSlipDays)} slip")}, " +
              $"{(i.CommitmentsBroken == 0 ? "no commitment broken" : Count(i.CommitmentsBroken, "commitment") + " broken")}."
            : "";
        // A policy's rationale opens with the option it chose; say it once.
        var why = d.Decision.Rationale.StartsWith(chosen, StringComparison.Ordinal) ? d.Decision.Rationale[chosen.Length..].TrimStart(' ', '.') : d.Decision.Rationale;
        var mitigation = string.IsNullOrWhiteSpace(d.Decision.Mitigation) ? "" : $" Mitigation: {d.Decision.Mitigation}.";
        return $"- Decided {Display.Day(d.Decision.DecidedAt)} on {d.Decision.ConflictId}{(d.ProjectId is { } p ? $" ({p})" : "")} by {d.Decision.DecidedBy}: " +
               $"{chosen.TrimEnd('.')}.{impact}{(why.Length > 0 ? $" Why: {why}" : "")}{mitigation}";
    });

    private static string Count(int n, string thing) => n == 1 ? $"1 {thing}" : $"{n} {thing}s";

    private static IEnumerable<string> StatusChangeLines(StudioBriefing b) => StatusChanges(b).Select(c =>
        $"- {c.ProjectName} went {(c.From is { } from ? Display.Words(from) : "unknown")} → {Display.Words(c.To)} on {Display.Day(c.At)}{(c.ReportedBy is { } by ? $" ({by})" : "")}: {c.Reason}");

    /// <summary>One line per escalation that missed its SLA in the period: when it was due, and how far it has climbed.</summary>
    private static IEnumerable<string> BreachLines(StudioBriefing b) => Breaches(b).GroupBy(x => x.Escalation.EscalationId).Select(g =>
    {
        var (first, latest) = (g.First(), b.OpenEscalations.FirstOrDefault(e => e.EscalationId == g.Key) ?? g.Last().Escalation);
        var climbed = latest.Level > 1 ? $", raised to level {latest.Level}{(latest.EscalatedTo is { } who ? $" ({who} told)" : "")}" : "";
        return $"- SLA missed: {Display.Words(latest.Class)} {latest.EscalationId} ({latest.Summary}) was due {Display.When(first.Breach.DueAt)}{climbed}";
    });

    private static IEnumerable<string> InterventionLines(StudioBriefing b) => Interventions(b).Select(i => i.Intervention.RecoveredAt is { } recovered
        ? $"- {i.ProjectName} recovered on {Display.Day(recovered)} after {Display.Words(i.Intervention.Kind)}"
        : $"- Intervention on {i.ProjectName} since {Display.Day(i.Intervention.StartedAt)}: {Display.Words(i.Intervention.Kind)}. {i.Intervention.Diagnosis} Plan: {i.Intervention.Plan}");

    /// <summary>The Q&amp;A section: the stakeholder requests open now and answered in the period, so the meeting starts from them.</summary>
    private static IReadOnlyList<string> StakeholderRequestLines(StudioBriefing b)
    {
        var open = b.OpenEscalations.Where(e => e.Class == EscalationClass.StakeholderRequest).ToList();
        return open.Count == 0
            ? ["No stakeholder request is open. Questions raised in the meeting are filed as stakeholder requests (24 h SLA)."]
            : [.. open.Select(e => $"- {e.EscalationId} from {e.RaisedBy}: {e.Summary} ({SlaLeft(e, b.At)})")];
    }

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

    private static string[] MetricRow(MetricValue m) =>
        Row(m.Name, Display.Metric(m.Value, m.Unit), m.Target, Display.Standing(m.Standing), Display.Words(m.Trend));

    private static ReportTable EscalationTable(IEnumerable<Escalation> escalations, DateTimeOffset now) =>
        Table(["Escalation", "Class", "Level", "Status", "SLA", "Summary"],
            escalations.Select(e => Row(e.EscalationId, Display.Words(e.Class), e.Level.ToString(Invariant), Display.Words(e.Status), SlaLeft(e, now), e.Summary)));

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, (int)span.TotalMinutes)} min";

    private static string[] Row(params string[] cells) => cells;

    private static ReportTable Table(IReadOnlyList<string> headers, IEnumerable<string[]> rows) => new(headers, [.. rows]);
}
