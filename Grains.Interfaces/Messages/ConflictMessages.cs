using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;

namespace Orchestration.Grains.Interfaces.Messages;

/// <summary>A decision reaches an involved agent: the whole decision, and the action items that are this agent's.</summary>
[GenerateSerializer, Immutable, Alias("orch.DecisionIssued")]
public sealed record DecisionIssued(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    string ConflictId, Decision Decision, IReadOnlyList<ActionItem> ActionItems)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary);

/// <summary>A conflict this agent was involved in is withdrawn: its cause is gone, nothing will be decided or asked of it.</summary>
[GenerateSerializer, Immutable, Alias("orch.ConflictWithdrawnNotice")]
public sealed record ConflictWithdrawnNotice(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    string ConflictId, string Because)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary);

/// <summary>The Producer's follow-up: an action item of this agent is past its due date.</summary>
[GenerateSerializer, Immutable, Alias("orch.ActionItemOverdue")]
public sealed record ActionItemOverdue(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    string ConflictId, ActionItem ActionItem)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary);

/// <summary>Another agent hands this agent work; answer with IProducerGrain.RespondToHandoff.</summary>
[GenerateSerializer, Immutable, Alias("orch.HandoffProposed")]
public sealed record HandoffProposed(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    HandoffOffer Offer)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary);

/// <summary>The recipient accepted or rejected this agent's handoff.</summary>
[GenerateSerializer, Immutable, Alias("orch.HandoffConcluded")]
public sealed record HandoffConcluded(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    HandoffRecord Handoff)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary);
