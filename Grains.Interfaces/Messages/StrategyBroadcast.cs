using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Interfaces.Messages;

/// <summary>
/// A strategy version on the studio's strategy stream (seed: "Studio Producer → All Agents, Strategy change").
/// Receivers apply versions in order and ignore any version they already have.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.StrategyBroadcast")]
public sealed record StrategyBroadcast(string MessageId, DateTimeOffset SentAt, StudioStrategy Strategy)
{
    public string Summary => $"Strategy v{Strategy.Version}: {Strategy.Rationale}";
}
