using Orchestration.Functions;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Client.AI;

/// <summary>The studio reached over the Orleans client, every call made at once with the client's credential.</summary>
internal sealed class ClientAgentStudio(StudioClient studio, string agentId) : IAgentStudio
{
    public string AgentId => agentId;

    public async Task<object> ReportBlocker(BlockerReport report) => await studio.Producer.ReportBlocker(report);

    public async Task<object> ReportRisk(RiskReport report) => await studio.Producer.ReportRisk(report);

    public async Task<object> DeclareWorkItem(WorkItem item, string reason) => await studio.WorkGraph.DeclareWorkItem(item, reason);

    public async Task<object> AcknowledgeDecision(DecisionAcknowledgement acknowledgement) => await studio.WorkGraph.AcknowledgeDecision(acknowledgement);

    public async Task<object> RespondToHandoff(HandoffResponse response) => await studio.Producer.RespondToHandoff(response);

    public Task<FeedPage<InboxMessage>> ReadInbox(long after, int limit) => studio.ReadInboxAsync(agentId, after, limit);

    public Task<StudioStrategy?> GetStrategy() => studio.Producer.GetStrategy();

    public Task<Conflict?> GetConflict(string conflictId) => studio.WorkGraph.GetConflict(conflictId);

    public Task<WorkItem?> GetWorkItem(string itemId) => studio.WorkGraph.GetWorkItem(itemId);
}
