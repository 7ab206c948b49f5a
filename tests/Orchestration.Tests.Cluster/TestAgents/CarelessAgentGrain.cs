using Microsoft.Extensions.Logging;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Tests.Cluster.TestAgents;

/// <summary>An agent kind that acknowledges every decision and applies none: what the Producer must catch without
/// looping.</summary>
[GrainType(Kind)]
public sealed class CarelessAgentGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<AgentState> state,
    ILogger<CarelessAgentGrain> logger)
    : AgentGrain<AgentState>(state, logger), IAgentGrain
{
    public const string Kind = "careless-agent";

    protected override Task ApplyActionItemAsync(ActionItem item) => Task.CompletedTask;
}
