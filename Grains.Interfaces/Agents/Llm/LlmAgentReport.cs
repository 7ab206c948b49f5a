using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Interfaces.Agents.Llm;

/// <summary>An LLM agent's reactions: applied (newest last), waiting for an attempt, and dead-lettered.</summary>
[GenerateSerializer, Immutable, Alias("orch.LlmAgentReport")]
public sealed record LlmAgentReport(IReadOnlyList<LlmReaction> Applied, IReadOnlyList<PendingReaction> Pending, IReadOnlyList<PendingReaction> DeadLetters);

/// <summary>
/// A message the model has still to react to, or gave up on: an inbox message, or a new strategy version.
/// </summary>
/// <param name="MessageId">The inbox message's id, or <c>strategy-v{version}</c>.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When the next one is due (studio clock); null once dead-lettered.</param>
/// <param name="LastError">Why the last attempt failed: the model's error, a limit it broke, a refusal of the studio.
/// The next attempt shows it to the model.</param>
[GenerateSerializer, Immutable, Alias("orch.PendingReaction")]
public sealed record PendingReaction(
    string MessageId,
    string MessageType,
    string Summary,
    InboxMessage? Message,
    StudioStrategy? Strategy,
    DateTimeOffset ReceivedAt,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? DeadLetteredAt = null);

/// <summary>
/// One message's reaction, applied whole.
/// </summary>
/// <param name="Actions">What was sent to the studio, in order ("acknowledged decision d-1 of conflict c-1").</param>
/// <param name="Answer">The model's closing text, shortened: why it did what it did.</param>
/// <param name="FunctionCalls">Function calls the model made, reads included.</param>
[GenerateSerializer, Immutable, Alias("orch.LlmReaction")]
public sealed record LlmReaction(
    string MessageId,
    string MessageType,
    DateTimeOffset AppliedAt,
    int Attempts,
    IReadOnlyList<string> Actions,
    string Answer,
    int FunctionCalls,
    long InputTokens,
    long OutputTokens);
