namespace Orchestration.LlmAgents.Reacting;

/// <summary>
/// How a conversation that ran off the agent's turn hands its outcome back (a model can take a minute; the agent
/// does not hold its messages that long). Not in the contract: no credential may call it, only the silos.
/// </summary>
[Alias("orch.llm.ILlmAgentReactions")]
public interface ILlmAgentReactions : IGrainWithStringKey
{
    [Alias("Complete")]
    Task Complete(ReactionOutcome outcome);
}

/// <summary>
/// One attempt's outcome: what the model staged and said, or why the attempt failed.
/// </summary>
/// <param name="Attempt">Which attempt of the message it was: an outcome of an older attempt is ignored.</param>
[GenerateSerializer, Immutable, Alias("orch.llm.ReactionOutcome")]
public sealed record ReactionOutcome(
    string MessageId,
    int Attempt,
    IReadOnlyList<StagedCommand> Commands,
    string? Answer,
    string? Error,
    int FunctionCalls,
    long InputTokens,
    long OutputTokens);
