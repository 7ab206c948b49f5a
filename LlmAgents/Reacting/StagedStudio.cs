using Orchestration.Functions;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.LlmAgents.Reacting;

/// <summary>
/// The studio as a hosted LLM agent's functions see it while the model decides: reads go to the studio at once, and
/// commands are checked and staged (<see cref="Commands"/>), sent only when the answer is complete. What a model may
/// not do is refused here, as text it can act on: a decision or handoff that is not the one it is reacting to (an item
/// another agent owns is refused by the functions themselves, for every host).
/// </summary>
internal sealed class StagedStudio(IGrainFactory grains, string studioId, string agentId, InboxMessage? reactingTo) : IAgentStudio
{
    private readonly List<StagedCommand> _commands = [];

    public string AgentId => agentId;

    /// <summary>The staged commands in the order they are sent: reports and declarations first, then what closes the
    /// message (so the acknowledgement follows the changes it vouches for).</summary>
    public IReadOnlyList<StagedCommand> Commands => [.. _commands.Where(c => !c.Closes), .. _commands.Where(c => c.Closes)];

    public Task<object> ReportBlocker(BlockerReport report) => Stage(new StagedBlocker(report), keyedBy: c => c is StagedBlocker b && b.Report.ReportId == report.ReportId);

    public Task<object> ReportRisk(RiskReport report) => Stage(new StagedRisk(report), keyedBy: c => c is StagedRisk r && r.Report.ReportId == report.ReportId);

    public Task<object> DeclareWorkItem(WorkItem item, string reason) =>
        Stage(new StagedDeclaration(item, reason), keyedBy: c => c is StagedDeclaration d && d.Item.ItemId == item.ItemId);

    public Task<object> AcknowledgeDecision(DecisionAcknowledgement acknowledgement)
    {
        if (reactingTo is not DecisionIssued issued)
            throw new InvalidRequestException("decisionId", "the message you are reacting to carries no decision");
        if (acknowledgement.ConflictId != issued.ConflictId || acknowledgement.DecisionId != issued.Decision.DecisionId)
            throw new InvalidRequestException("decisionId", $"you acknowledge the decision you are reacting to: decision '{issued.Decision.DecisionId}' of conflict '{issued.ConflictId}'");
        return Stage(new StagedAcknowledgement(acknowledgement), keyedBy: c => c is StagedAcknowledgement);
    }

    public Task<object> RespondToHandoff(HandoffResponse response)
    {
        if (reactingTo is not HandoffProposed proposed)
            throw new InvalidRequestException("handoffId", "the message you are reacting to offers no handoff");
        if (response.HandoffId != proposed.Offer.HandoffId)
            throw new InvalidRequestException("handoffId", $"you answer the handoff offered to you: '{proposed.Offer.HandoffId}'");
        return Stage(new StagedHandoffAnswer(proposed.Offer, response), keyedBy: c => c is StagedHandoffAnswer);
    }

    public Task<FeedPage<InboxMessage>> ReadInbox(long after, int limit) =>
        grains.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(studioId, agentId)).Read(after, limit);

    public Task<StudioStrategy?> GetStrategy() => grains.GetGrain<IProducerGrain>(studioId).GetStrategy();

    public Task<Conflict?> GetConflict(string conflictId) => grains.GetGrain<IWorkGraphGrain>(studioId).GetConflict(conflictId);

    public Task<WorkItem?> GetWorkItem(string itemId) => grains.GetGrain<IWorkGraphGrain>(studioId).GetWorkItem(itemId);

    /// <summary>What the message still lacks once the model is done, or null: a decision is acknowledged (or a blocker
    /// says why it cannot be applied), a handoff is answered.</summary>
    public string? Unanswered() => reactingTo switch
    {
        DecisionIssued issued when !_commands.Any(c => c is StagedAcknowledgement or StagedBlocker) =>
            $"the model finished without acknowledging decision '{issued.Decision.DecisionId}' or reporting a blocker that says why it cannot apply it",
        HandoffProposed proposed when !_commands.Any(c => c is StagedHandoffAnswer) =>
            $"the model finished without accepting or declining handoff '{proposed.Offer.HandoffId}'",
        _ => null,
    };

    /// <summary>Stages a command, replacing one of the same key (a model that corrects itself).</summary>
    private Task<object> Stage(StagedCommand command, Predicate<StagedCommand> keyedBy)
    {
        _commands.RemoveAll(keyedBy);
        _commands.Add(command);
        return Task.FromResult<object>($"staged: {command.Describe()}. It is sent to the studio when you finish your answer.");
    }
}
