using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ModelContextProtocol.Server;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Portfolio;

namespace Orchestration.Gateway.Mcp;

/// <summary>The studio's reports as MCP resources, in Markdown, for the caller's studio.</summary>
[McpServerResourceType]
public sealed class StudioResources(IGrainFactory grains)
{
    [McpServerResource(UriTemplate = "orchestration://studio/weekly-sync", Name = "weekly-sync", MimeType = "text/markdown"), Authorize]
    [Description("The weekly agent sync agenda: status changes, dependencies, the week's decisions, escalations and SLA breaches.")]
    public async Task<string> WeeklySync(ClaimsPrincipal user) =>
        await Render(user, BriefingKind.WeeklySync);

    [McpServerResource(UriTemplate = "orchestration://studio/stakeholder-update", Name = "stakeholder-update", MimeType = "text/markdown"), Authorize]
    [Description("The bi-weekly stakeholder update: OKRs, wins, key decisions and risks, milestones, open stakeholder requests.")]
    public async Task<string> StakeholderUpdate(ClaimsPrincipal user) =>
        await Render(user, BriefingKind.StakeholderUpdate);

    [McpServerResource(UriTemplate = "orchestration://studio/impact-report", Name = "impact-report", MimeType = "text/markdown"), Authorize]
    [Description("The monthly impact report: objectives and business impact, success stories, what decisions protected.")]
    public async Task<string> ImpactReport(ClaimsPrincipal user) =>
        await Render(user, BriefingKind.ImpactReport);

    [McpServerResource(UriTemplate = "orchestration://studio/portfolio", Name = "portfolio", MimeType = "text/markdown"), Authorize]
    [Description("The portfolio status table: every project, its status and trend.")]
    public async Task<string> Portfolio(ClaimsPrincipal user) =>
        await Render(user, BriefingKind.Portfolio);

    private async Task<string> Render(ClaimsPrincipal user, BriefingKind kind) =>
        MarkdownRenderer.Render(kind.Build(await grains.GetGrain<IPortfolioGrain>(StudioTools.Me(user).StudioId).GetBriefing(kind.PeriodDays)));
}
