using System.ComponentModel;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Client.AI;

/// <summary>
/// One agent's side of the studio, as the methods <see cref="StudioFunctions"/> turns into AI functions. No method
/// takes an agent id: the agent is <paramref name="agentId"/>, and the studio checks it against the client's
/// credential, so a model can never act as another agent.
/// </summary>
internal sealed class AgentTools(StudioClient studio, string agentId)
{
    [Description("Report something that blocks your work. Retrying with the same reportId applies it once.")]
    public Task<ReportReceipt> ReportBlocker(
        [Description("Your id for this report (idempotency key), e.g. blk-<uuid>")] string reportId,
        [Description("The project it is in")] string projectId,
        [Description("What is wrong")] string summary,
        [Description("What cannot go on until it is cleared")] string blocks,
        [Description("Who or what suffers, and how much")] string impact,
        [Description("How bad it is")] Severity severity,
        [Description("Who is expected to clear it")] string owner,
        [Description("Optional category, e.g. requirements or infrastructure")] string? category = null) =>
        studio.Producer.ReportBlocker(new BlockerReport(reportId, agentId, projectId, summary, blocks, impact, severity, owner, category));

    [Description("Report a risk that may need coordination. Retrying with the same reportId applies it once.")]
    public Task<ReportReceipt> ReportRisk(
        [Description("Your id for this report (idempotency key)")] string reportId,
        [Description("The project it is in")] string projectId,
        [Description("What could go wrong")] string summary,
        [Description("What it would cost")] string impact,
        [Description("How bad it would be")] Severity severity,
        [Description("Who owns it")] string owner,
        [Description("Probability, 0 to 1")] double likelihood,
        [Description("What is planned against it")] string mitigation,
        [Description("When the mitigation is due (YYYY-MM-DD), optional")] DateOnly? due = null) =>
        studio.Producer.ReportRisk(new RiskReport(reportId, agentId, projectId, summary, impact, severity, owner, likelihood, mitigation, due));

    [Description("Declare an experiment or release you own, or declare it again with new dates (how a slip is reported). The answer lists the conflicts it raised.")]
    public Task<WorkItemReceipt> DeclareWorkItem(
        [Description("The item's id")] string itemId,
        [Description("experiment or release")] WorkItemKind kind,
        [Description("The project it belongs to")] string projectId,
        [Description("What it is")] string title,
        [Description("Start (YYYY-MM-DD)")] DateOnly start,
        [Description("End: an experiment's planned end, a release's committed date (YYYY-MM-DD)")] DateOnly end,
        [Description("Why it is declared or changed")] string reason,
        [Description("Ids of items this one needs finished first")] string[]? needs = null) =>
        studio.WorkGraph.DeclareWorkItem(new WorkItem(itemId, kind, agentId, projectId, title, start, end, [.. (needs ?? []).Select(n => new Dependency(n))]), reason);

    [Description("Your messages from the Producer (acknowledgements, decisions with your action items, handoffs, strategy), oldest first, after the sequence given. Pass the last sequence you saw to get only new ones.")]
    public Task<FeedPage<InboxMessage>> ReadInbox(
        [Description("Sequence of the last message already read (0: from the first)")] long after = 0,
        [Description("At most this many (1 to 500)")] int limit = 50) =>
        studio.ReadInboxAsync(agentId, after, limit);

    [Description("Say you applied your action items of a decision (from a DecisionIssued message in your inbox).")]
    public Task<Conflict> AcknowledgeDecision([Description("The conflict the decision settles")] string conflictId, [Description("The decision's id")] string decisionId) =>
        studio.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decisionId, agentId));

    [Description("Accept or decline a handoff addressed to you (from a HandoffProposed message in your inbox).")]
    public Task<HandoffRecord> RespondToHandoff([Description("The handoff's id")] string handoffId, [Description("True to accept")] bool accept, [Description("Why")] string reason) =>
        studio.Producer.RespondToHandoff(new HandoffResponse(handoffId, agentId, accept, reason));

    [Description("The studio's strategy in force: priorities (highest first), constraints, rationale; null before the first one.")]
    public Task<StudioStrategy?> GetStrategy() => studio.Producer.GetStrategy();

    [Description("One conflict with its options, decision and action items.")]
    public async Task<Conflict> GetConflict([Description("The conflict's id")] string conflictId) =>
        await studio.WorkGraph.GetConflict(conflictId) ?? throw new InvalidRequestException("conflictId", $"no conflict '{conflictId}' in studio '{studio.StudioId}'");
}
