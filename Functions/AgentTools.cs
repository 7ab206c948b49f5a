using System.ComponentModel;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Functions;

/// <summary>
/// One agent's side of the studio, as the methods <see cref="AgentFunctions"/> turns into AI functions. No method
/// takes an agent id: every request is made as <see cref="IAgentStudio.AgentId"/>, and the studio checks it against
/// the caller (a client's credential, a hosted agent's own grain), so a model can never act as another agent.
/// </summary>
internal sealed class AgentTools(IAgentStudio studio)
{
    private string AgentId => studio.AgentId;

    [Description("Report something that blocks your work. Retrying with the same reportId applies it once.")]
    public Task<object> ReportBlocker(
        [Description("Your id for this report (idempotency key), e.g. blk-<uuid>")] string reportId,
        [Description("The project it is in")] string projectId,
        [Description("What is wrong")] string summary,
        [Description("What cannot go on until it is cleared")] string blocks,
        [Description("Who or what suffers, and how much")] string impact,
        [Description("How bad it is")] Severity severity,
        [Description("Who is expected to clear it")] string owner,
        [Description("Optional category, e.g. requirements or infrastructure")] string? category = null) =>
        studio.ReportBlocker(new BlockerReport(reportId, AgentId, projectId, summary, blocks, impact, severity, owner, category));

    [Description("Report a risk that may need coordination. Retrying with the same reportId applies it once.")]
    public Task<object> ReportRisk(
        [Description("Your id for this report (idempotency key)")] string reportId,
        [Description("The project it is in")] string projectId,
        [Description("What could go wrong")] string summary,
        [Description("What it would cost")] string impact,
        [Description("How bad it would be")] Severity severity,
        [Description("Who owns it")] string owner,
        [Description("Probability, 0 to 1")] double likelihood,
        [Description("What is planned against it")] string mitigation,
        [Description("When the mitigation is due (YYYY-MM-DD), optional")] DateOnly? due = null) =>
        studio.ReportRisk(new RiskReport(reportId, AgentId, projectId, summary, impact, severity, owner, likelihood, mitigation, due));

    [Description("Declare an experiment or release you own, or declare it again with new dates (how a slip is reported). The answer lists the conflicts it raised.")]
    public async Task<object> DeclareWorkItem(
        [Description("The item's id")] string itemId,
        [Description("experiment or release")] WorkItemKind kind,
        [Description("The project it belongs to")] string projectId,
        [Description("What it is")] string title,
        [Description("Start (YYYY-MM-DD)")] DateOnly start,
        [Description("End: an experiment's planned end, a release's committed date (YYYY-MM-DD)")] DateOnly end,
        [Description("Why it is declared or changed")] string reason,
        [Description("Ids of items this one needs finished first")] string[]? needs = null)
    {
        var current = await studio.GetWorkItem(itemId);
        if (current is not null && current.OwnerAgentId != AgentId)
            throw new NotPermittedException("itemId", $"'{itemId}' is owned by agent '{current.OwnerAgentId}': you declare only your own items");
        var declared = new WorkItem(itemId, kind, AgentId, projectId, title, start, end, [.. (needs ?? []).Select(n => new Dependency(n))]);
        return await studio.DeclareWorkItem(KeepingWhatIsNotSaid(declared, current), reason);
    }

    [Description("Your messages from the Producer (acknowledgements, decisions with your action items, handoffs, strategy), oldest first, after the sequence given. Pass the last sequence you saw to get only new ones.")]
    public Task<FeedPage<InboxMessage>> ReadInbox(
        [Description("Sequence of the last message already read (0: from the first)")] long after = 0,
        [Description("At most this many (1 to 500)")] int limit = 50) =>
        studio.ReadInbox(after, limit);

    [Description("Say you applied your action items of a decision (from a DecisionIssued message in your inbox).")]
    public Task<object> AcknowledgeDecision([Description("The conflict the decision settles")] string conflictId, [Description("The decision's id")] string decisionId) =>
        studio.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decisionId, AgentId));

    [Description("Accept or decline a handoff addressed to you (from a HandoffProposed message in your inbox).")]
    public Task<object> RespondToHandoff([Description("The handoff's id")] string handoffId, [Description("True to accept")] bool accept, [Description("Why")] string reason) =>
        studio.RespondToHandoff(new HandoffResponse(handoffId, AgentId, accept, reason));

    [Description("The studio's strategy in force: priorities (highest first), constraints, rationale; null before the first one.")]
    public Task<StudioStrategy?> GetStrategy() => studio.GetStrategy();

    [Description("One work item as the studio tracks it (yours or another agent's): kind, owner, project, dates, dependencies; null if there is none.")]
    public Task<WorkItem?> GetWorkItem([Description("The item's id")] string itemId) => studio.GetWorkItem(itemId);

    [Description("One conflict with its options, decision and action items.")]
    public async Task<Conflict> GetConflict([Description("The conflict's id")] string conflictId) =>
        await studio.GetConflict(conflictId) ?? throw new InvalidRequestException("conflictId", $"no conflict '{conflictId}' in this studio");

    /// <summary>
    /// An item declared again keeps what the function cannot say — a release's customer commitments, an experiment's
    /// revenue at stake and sample, its category, a dependency's lead time — so moving dates never erases them.
    /// </summary>
    internal static WorkItem KeepingWhatIsNotSaid(WorkItem declared, WorkItem? current) =>
        current is null ? declared : declared with
        {
            RevenueAtStake = current.RevenueAtStake,
            SampleSizeNeeded = current.SampleSizeNeeded,
            Commitments = current.Commitments,
            Category = current.Category,
            DependsOn = [.. declared.DependsOn.Select(d => current.DependsOn.FirstOrDefault(c => c.ItemId == d.ItemId) ?? d)],
        };
}
