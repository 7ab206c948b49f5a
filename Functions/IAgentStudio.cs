using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Functions;

/// <summary>
/// What an agent's AI functions do once a model's arguments are checked and turned into the contract's requests:
/// one agent's side of one studio. The client library's calls the studio at once; a host may do otherwise (the silo's LLM agent kind stages the commands and applies them when the model's
/// answer is complete). The commands answer with what the model is shown: the studio's receipt, or a note.
/// </summary>
public interface IAgentStudio
{
    /// <summary>The agent every request is made as: the functions put it in every request, a model never names it.</summary>
    string AgentId { get; }

    Task<object> ReportBlocker(BlockerReport report);

    Task<object> ReportRisk(RiskReport report);

    Task<object> DeclareWorkItem(WorkItem item, string reason);

    Task<object> AcknowledgeDecision(DecisionAcknowledgement acknowledgement);

    Task<object> RespondToHandoff(HandoffResponse response);

    Task<FeedPage<InboxMessage>> ReadInbox(long after, int limit);

    Task<StudioStrategy?> GetStrategy();

    Task<Conflict?> GetConflict(string conflictId);

    /// <summary>One work item as the studio tracks it, or null.</summary>
    Task<WorkItem?> GetWorkItem(string itemId);
}
