using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Client;
using Orchestration.Client.AI;
using Orchestration.Functions;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.AgentFrameworkSample;

/// <summary>
/// An Experiment Tracker whose reactions a model decides, built with the Microsoft Agent Framework: a
/// <see cref="ChatClientAgent"/> with the studio's AI functions bound to this agent, fed each decision and handoff
/// that reaches its inbox. The functions act at once with the agent's credential (the studio refuses anything else),
/// and answer a refusal as text the model can correct.
/// </summary>
public sealed partial class FrameworkTracker(StudioClient studio, string agentId, IChatClient model, ILogger<FrameworkTracker> logger)
{
    private static readonly JsonSerializerOptions Json = AgentFunctions.Json; // enums as the functions write them, dates as YYYY-MM-DD

    public string AgentId => agentId;

    /// <summary>Joins the studio, then reacts to every decision and handoff until <paramref name="cancellationToken"/> ends it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var session = await studio.ConnectAgentAsync(agentId, AgentKinds.ExperimentTracker, "Agent Framework tracker", 3);
        var agent = new ChatClientAgent(model, Instructions, name: agentId, description: "An Experiment Tracker of the studio",
            tools: [.. StudioFunctions.ForAgent(studio, agentId)]);
        LogJoined(logger, agentId, studio.StudioId);
        try
        {
            await foreach (var message in session.Inbox.ReadAllAsync(cancellationToken))
            {
                if (message is not (DecisionIssued or HandoffProposed)) continue; // notices need no decision
                var answer = await agent.RunAsync(await PromptFor(message), cancellationToken: cancellationToken);
                LogReacted(logger, agentId, message.GetType().Name, message.MessageId, answer.Text);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped
        }
    }

    private string Instructions => $"""
        You are agent '{agentId}', an Experiment Tracker in studio '{studio.StudioId}'. The Studio Producer coordinates the
        studio's agents and tells you what to do with your experiments. For a DecisionIssued: apply each of your action items
        (declare the item again with the new dates; for a descope, without the dependency it drops), then acknowledge the
        decision; if you cannot, report a blocker saying why. For a HandoffProposed: accept or decline with a reason. A
        function may answer "refused: field: reason": correct the call. End with one sentence saying what you did.
        """;

    /// <summary>The message as JSON, and the work items it names as the studio has them now.</summary>
    private async Task<string> PromptFor(InboxMessage message)
    {
        var itemIds = message switch
        {
            DecisionIssued issued => issued.ActionItems.Where(a => a.AgentId == agentId).Select(a => a.ItemId).Distinct(),
            HandoffProposed proposed => [proposed.Offer.ItemId],
            _ => [],
        };
        var items = new List<WorkItem>();
        foreach (var id in itemIds)
            if (await studio.CallAsync(s => s.WorkGraph.GetWorkItem(id)) is { } item) items.Add(item);
        return $"""
            Message {message.GetType().Name} ({message.MessageId}): {message.Summary}

            ```json
            {JsonSerializer.Serialize<object>(message, Json)}
            ```

            The work items it concerns:
            ```json
            {JsonSerializer.Serialize(items, Json)}
            ```
            """;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{AgentId} joined studio {StudioId}")]
    private static partial void LogJoined(ILogger logger, string agentId, string studioId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AgentId} reacted to {MessageType} {MessageId}: {Answer}")]
    private static partial void LogReacted(ILogger logger, string agentId, string messageType, string messageId, string answer);
}
