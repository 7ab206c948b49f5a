using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestration.Functions;
using Orchestration.Grains.Interfaces.Agents.Llm;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.LlmAgents.Reacting;

/// <summary>What the model is told: who it is and how it works (the system message), then the one message to react
/// to, with the work items it concerns and, on a retry, why the last attempt failed.</summary>
internal static class ReactionPrompt
{
    public static List<ChatMessage> For(string agentId, string displayName, string studioId, int capacity, PendingReaction pending, IReadOnlyList<WorkItem> items, string? instructions)
    {
        var system = new StringBuilder($"""
            You are {displayName}, agent '{agentId}' in studio '{studioId}', with capacity for {capacity} pieces of work at once.
            The Studio Producer coordinates the studio's agents: it tracks their experiments and releases, detects conflicts
            between them, decides how each is resolved and tells every agent concerned what to do. You react to one message
            from it at a time, with the functions you are given.

            - Reads (read_inbox, get_strategy, get_work_item, get_conflict) answer at once.
            - Commands (declare_work_item, acknowledge_decision, respond_to_handoff, report_blocker, report_risk) are staged and
              sent together when you finish your answer; if anything goes wrong before, none is sent and the message comes back.
            - A function may answer "refused: field: reason" or "not permitted: field: reason": correct the call, or do otherwise.

            How to react:
            - DecisionIssued: apply each of your action items — declare the item again with the new dates, and for a descope
              without the dependency it drops — then acknowledge the decision. If an item cannot be applied, do not acknowledge:
              report a blocker that says why.
            - HandoffProposed: accept or decline it with a reason, given your capacity, the strategy's priorities and your work.
            - StrategyBroadcast: read the priorities; if your work no longer fits them, say so with report_risk. Otherwise nothing.
            Finish with two or three sentences saying what you did and why. Never invent ids: use those in the message.
            """);
        if (!string.IsNullOrWhiteSpace(instructions)) system.Append("\n\nFrom the studio's operator:\n").Append(instructions.Trim());

        var user = new StringBuilder($"Message {pending.MessageType} ({pending.MessageId}): {pending.Summary}\n\n");
        user.Append("```json\n").Append(JsonSerializer.Serialize<object?>(pending.Message ?? (object?)pending.Strategy, AgentFunctions.Json)).Append("\n```\n");
        if (items.Count > 0)
            user.Append("\nThe work items it concerns, as the studio has them now:\n```json\n").Append(JsonSerializer.Serialize(items, AgentFunctions.Json)).Append("\n```\n");
        if (pending.LastError is { } error)
            user.Append($"\nThe last attempt at this message failed: {error}\nNothing of it was sent. Do it right this time.\n");
        return [new ChatMessage(ChatRole.System, system.ToString()), new ChatMessage(ChatRole.User, user.ToString())];
    }

    /// <summary>The items a message's action items name (the model needs their project and title to declare them again).</summary>
    public static IEnumerable<string> ItemsOf(PendingReaction pending, string agentId) => pending.Message switch
    {
        DecisionIssued issued => issued.ActionItems.Where(a => a.AgentId == agentId).Select(a => a.ItemId).Distinct(),
        HandoffProposed proposed => [proposed.Offer.ItemId],
        _ => [],
    };
}
