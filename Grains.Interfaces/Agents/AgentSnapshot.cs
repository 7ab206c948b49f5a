using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>What a hosted agent holds: its studio, the strategy it applies, and its recent inbox.</summary>
[GenerateSerializer, Immutable, Alias("orch.AgentSnapshot")]
public sealed record AgentSnapshot(
    string AgentId,
    string Kind,
    string? StudioId,
    string DisplayName,
    int Capacity,
    StudioStrategy? Strategy,
    IReadOnlyList<int> AppliedStrategyVersions,
    IReadOnlyList<ReceivedMessage> Inbox);
