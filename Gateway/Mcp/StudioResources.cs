using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ModelContextProtocol.Server;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;

namespace Orchestration.Gateway.Mcp;

/// <summary>The studio's reports as MCP resources, in Markdown, for the caller's studio.</summary>
[McpServerResourceType]
public sealed class StudioResources(IGrainFactory grains)
{
    [McpServerResource(UriTemplate = "orchestration://studio/weekly-sync", Name = "weekly-sync", MimeType = "text/markdown"), Authorize]
    [Description("The weekly agent sync agenda: what changed, blockers, decisions, handoffs, the week ahead.")]
    public async Task<string> WeeklySync(ClaimsPrincipal user) =>
        MarkdownRenderer.Render(StudioReports.WeeklyAgentSync(await Briefing(user, 7)));

    [McpServerResource(UriTemplate = "orchestration://studio/stakeholder-update", Name = "stakeholder-update", MimeType = "text/markdown"), Authorize]
    [Description("The bi-weekly stakeholder update: portfolio health, decisions, risks, OKRs.")]
    public async Task<string> StakeholderUpdate(ClaimsPrincipal user) =>
        MarkdownRenderer.Render(StudioReports.StakeholderUpdate(await Briefing(user, 14)));

    [McpServerResource(UriTemplate = "orchestration://studio/portfolio", Name = "portfolio", MimeType = "text/markdown"), Authorize]
    [Description("The portfolio status table: every project, its status and trend.")]
    public async Task<string> Portfolio(ClaimsPrincipal user) =>
        MarkdownRenderer.Render(StudioReports.PortfolioStatus(await Briefing(user, 7)));

    private Task<StudioBriefing> Briefing(ClaimsPrincipal user, int days) =>
        grains.GetGrain<IPortfolioGrain>(StudioTools.Me(user).StudioId).GetBriefing(days);
}
