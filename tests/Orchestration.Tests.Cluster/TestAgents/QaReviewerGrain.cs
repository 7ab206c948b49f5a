using Microsoft.Extensions.Logging;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Tests.Cluster.TestAgents;

[GenerateSerializer, Alias("test.QaReviewerState")]
public sealed class QaReviewerState : AgentState
{
    [Id(0)] public string? Focus { get; set; }

    [Id(1)] public int Acknowledgements { get; set; }
}

/// <summary>The whole of a new agent kind: one grain class with its [GrainType], registered with AddAgentKind.</summary>
[GrainType(Kind)]
public sealed class QaReviewerGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<QaReviewerState> state,
    ILogger<QaReviewerGrain> logger)
    : AgentGrain<QaReviewerState>(state, logger), IQaReviewerGrain
{
    public const string Kind = "qa-reviewer";

    public Task<string?> GetFocus() => Task.FromResult(State.Focus);

    public Task<int> GetAcknowledgements() => Task.FromResult(State.Acknowledgements);

    protected override void OnStrategyApplied(StudioStrategy strategy) => State.Focus = strategy.Priorities[0];

    protected override Task OnInboxMessageAsync(InboxMessage message)
    {
        if (message is ReportAcknowledged) State.Acknowledgements++;
        return Task.CompletedTask;
    }
}
