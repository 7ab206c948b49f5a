using Orchestration.Grains.Interfaces.Producer;

namespace Orchestration.Grains.Interfaces.Briefings;

/// <summary>
/// One of the studio's briefings: its name (in URLs, MCP resources, subscriptions and the CLI's alias), the CLI's
/// short command, its title in running text, what it is, the period it covers and how it is built from a <see cref="StudioBriefing"/>.
/// </summary>
public sealed record BriefingKind(string Name, string Command, string Title, string Description, int PeriodDays, Func<StudioBriefing, ReportDocument> Build)
{
    public static readonly BriefingKind WeeklySync = new("weekly-sync", "sync", "weekly agent sync", "The weekly agent sync agenda: status changes, dependencies and the week's decisions, escalations and breaches", 7, StudioReports.WeeklyAgentSync);

    public static readonly BriefingKind StakeholderUpdate = new("stakeholder-update", "stakeholder", "stakeholder update", "The bi-weekly stakeholder update: OKRs, wins, key decisions and risks, milestones, open requests", 14, StudioReports.StakeholderUpdate);

    public static readonly BriefingKind ImpactReport = new("impact-report", "impact", "impact report", "The monthly impact report for business teams: outcomes, success stories, what decisions protected", 30, StudioReports.ImpactReport);

    public static readonly BriefingKind Portfolio = new("portfolio", "portfolio", "portfolio status", "The portfolio status table: every project, its status and trend, the period's changes, the metrics", 7, StudioReports.PortfolioStatus);

    public static readonly IReadOnlyList<BriefingKind> All = [WeeklySync, StakeholderUpdate, ImpactReport, Portfolio];

    public static BriefingKind? Named(string? name) => All.FirstOrDefault(k => k.Name == name || k.Command == name);
}
