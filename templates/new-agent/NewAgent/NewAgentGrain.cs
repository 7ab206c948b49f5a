using Microsoft.Extensions.Logging;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Strategy;

namespace NewAgent;

/// <summary>What the agent keeps beyond every agent's state (its studio, strategy and inbox).</summary>
[GenerateSerializer, Alias("NewAgent.NewAgentState")]
public sealed class NewAgentState : AgentState
{
    [Id(0)] public string? Focus { get; set; }

    [Id(1)] public int Acknowledgements { get; set; }
}

/// <summary>A hosted agent of kind "new-agent": it applies each strategy the Producer broadcasts and reads its inbox.
/// The base class joins the studio, follows the strategy and inbox streams, and persists the state.</summary>
[GrainType(Kind)]
public sealed class NewAgentGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<NewAgentState> state,
    ILogger<NewAgentGrain> logger)
    : AgentGrain<NewAgentState>(state, logger), INewAgentGrain
{
    public const string Kind = "new-agent";

    public Task<string?> GetFocus() => Task.FromResult(State.Focus);

    public Task<int> GetAcknowledgements() => Task.FromResult(State.Acknowledgements);

    protected override void OnStrategyApplied(StudioStrategy strategy) => State.Focus = strategy.Priorities[0];

    protected override Task OnInboxMessageAsync(InboxMessage message)
    {
        if (message is ReportAcknowledged) State.Acknowledgements++;
        return Task.CompletedTask;
    }
}
