using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ModelContextProtocol.Server;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Gateway.Mcp;

/// <summary>
/// What an LLM agent needs to take part, as MCP tools. The studio and the agent are the caller's credential: no tool
/// takes an agent id, so none can be named falsely. Refusals come back as tool errors naming the field.
/// </summary>
[McpServerToolType]
public sealed class StudioTools(IGrainFactory grains)
{
    private const string AgentRole = "agent";

    [McpServerTool(Name = "register"), Authorize(Roles = AgentRole)]
    [Description("Join the studio as this credential's agent. Safe to call again: the same registration changes nothing.")]
    public Task<RegistrationReceipt> Register(ClaimsPrincipal user,
        [Description("The agent's kind, e.g. experiment-tracker or project-shipper")] string kind,
        [Description("What people call the agent")] string displayName,
        [Description("Work slots it can hold at once (1 to 1000)")] int capacity)
    {
        var caller = Me(user);
        return Producer(caller).RegisterAgent(new AgentRegistration(caller.Subject, kind, displayName, capacity, AgentHosting.External));
    }

    [McpServerTool(Name = "report_blocker"), Authorize(Roles = AgentRole)]
    [Description("Report something that blocks this agent's work. Retrying with the same reportId applies it once.")]
    public Task<ReportReceipt> ReportBlocker(ClaimsPrincipal user,
        [Description("Your id for this report (idempotency key), e.g. blk-<uuid>")] string reportId,
        [Description("The project it is in")] string projectId,
        [Description("What is wrong")] string summary,
        [Description("What cannot go on until it is cleared")] string blocks,
        [Description("Who or what suffers, and how much")] string impact,
        [Description("low, medium, high or critical")] Severity severity,
        [Description("Who is expected to clear it")] string owner,
        [Description("Optional category, e.g. requirements or infrastructure")] string? category = null) =>
        Producer(Me(user)).ReportBlocker(new BlockerReport(reportId, Me(user).Subject, projectId, summary, blocks, impact, severity, owner, category));

    [McpServerTool(Name = "report_risk"), Authorize(Roles = AgentRole)]
    [Description("Report a risk that may need coordination. Retrying with the same reportId applies it once.")]
    public Task<ReportReceipt> ReportRisk(ClaimsPrincipal user,
        [Description("Your id for this report (idempotency key)")] string reportId,
        [Description("The project it is in")] string projectId,
        [Description("What could go wrong")] string summary,
        [Description("What it would cost")] string impact,
        [Description("low, medium, high or critical")] Severity severity,
        [Description("Who owns it")] string owner,
        [Description("Probability, 0 to 1")] double likelihood,
        [Description("What is planned against it")] string mitigation,
        [Description("When the mitigation is due (YYYY-MM-DD), optional")] DateOnly? due = null) =>
        Producer(Me(user)).ReportRisk(new RiskReport(reportId, Me(user).Subject, projectId, summary, impact, severity, owner, likelihood, mitigation, due));

    [McpServerTool(Name = "resolve_report"), Authorize(Roles = AgentRole)]
    [Description("Close a blocker or risk this agent reported.")]
    public async Task<ReportRecord> ResolveReport(ClaimsPrincipal user, string reportId, [Description("How it was cleared")] string resolution)
    {
        var caller = Me(user);
        if (await Producer(caller).GetReport(reportId) is { } report && report.AgentId != caller.Subject)
            throw new CallerMismatchException("reportId", $"'{reportId}' was reported by '{report.AgentId}': an agent resolves only its own reports");
        return await Producer(caller).ResolveReport(new ResolveReport(reportId, caller.Subject, resolution));
    }

    [McpServerTool(Name = "declare_work_item"), Authorize(Roles = AgentRole)]
    [Description("Declare an experiment or release this agent owns, or declare it again with new dates (how a slip is reported). The answer lists the conflicts it raised.")]
    public Task<WorkItemReceipt> DeclareWorkItem(ClaimsPrincipal user,
        string itemId,
        [Description("experiment or release")] WorkItemKind kind,
        string projectId,
        string title,
        [Description("Start (YYYY-MM-DD)")] DateOnly start,
        [Description("End: an experiment's planned end, a release's committed date (YYYY-MM-DD)")] DateOnly end,
        [Description("Why it is declared or changed")] string reason,
        [Description("Items this one needs, each with the days of lead it needs them ready before")] Dependency[]? dependsOn = null,
        [Description("Experiments: the revenue the result decides on")] decimal revenueAtStake = 0,
        [Description("Experiments: the sample the planned power needs")] int sampleSizeNeeded = 0,
        [Description("Releases: what customers were promised about the date")] CustomerCommitment[]? commitments = null) =>
        Graph(Me(user)).DeclareWorkItem(new WorkItem(itemId, kind, Me(user).Subject, projectId, title, start, end, dependsOn ?? [],
            revenueAtStake, sampleSizeNeeded, commitments), reason);

    [McpServerTool(Name = "read_inbox", ReadOnly = true), Authorize(Roles = AgentRole)]
    [Description("Messages the Producer sent this agent (acknowledgements, decisions with action items, handoffs), oldest first, after the sequence given. Pass the last sequence you saw to get only new ones.")]
    public Task<FeedPage<InboxMessage>> ReadInbox(ClaimsPrincipal user,
        [Description("Sequence of the last message already read (0: from the first)")] long after = 0,
        [Description("At most this many (1 to 500)")] int limit = 50)
    {
        var caller = Me(user);
        return grains.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(caller.StudioId, caller.Subject)).Read(after, limit);
    }

    [McpServerTool(Name = "acknowledge_decision"), Authorize(Roles = AgentRole)]
    [Description("Say this agent applied its action items of a decision (from a DecisionIssued message in the inbox).")]
    public Task<Conflict> AcknowledgeDecision(ClaimsPrincipal user, string conflictId, string decisionId) =>
        Graph(Me(user)).AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decisionId, Me(user).Subject));

    [McpServerTool(Name = "respond_to_handoff"), Authorize(Roles = AgentRole)]
    [Description("Accept or reject a handoff addressed to this agent (from a HandoffProposed message in the inbox).")]
    public Task<HandoffRecord> RespondToHandoff(ClaimsPrincipal user, string handoffId, bool accept, [Description("Why")] string reason) =>
        Producer(Me(user)).RespondToHandoff(new HandoffResponse(handoffId, Me(user).Subject, accept, reason));

    [McpServerTool(Name = "get_strategy", ReadOnly = true), Authorize]
    [Description("The studio's strategy in force: priorities (highest first), constraints, rationale; null before the first one.")]
    public Task<StudioStrategy?> GetStrategy(ClaimsPrincipal user) => Producer(Me(user)).GetStrategy();

    [McpServerTool(Name = "get_studio_status", ReadOnly = true), Authorize]
    [Description("The studio at a glance: agents, open blockers and risks, the strategy, active conflicts, pending decisions.")]
    public Task<StudioOverview> GetStudioStatus(ClaimsPrincipal user) => Producer(Me(user)).GetOverview();

    [McpServerTool(Name = "get_conflict", ReadOnly = true), Authorize]
    [Description("One conflict with its options, decision and action items.")]
    public async Task<Conflict> GetConflict(ClaimsPrincipal user, string conflictId) =>
        await Graph(Me(user)).GetConflict(conflictId) ?? throw new InvalidRequestException("conflictId", $"no conflict '{conflictId}' in this studio");

    internal static Caller Me(ClaimsPrincipal user) =>
        Caller.From(user) ?? throw new InvalidOperationException("an MCP tool ran without an authenticated caller");

    private IProducerGrain Producer(Caller caller) => grains.GetGrain<IProducerGrain>(caller.StudioId);

    private IWorkGraphGrain Graph(Caller caller) => grains.GetGrain<IWorkGraphGrain>(caller.StudioId);
}
