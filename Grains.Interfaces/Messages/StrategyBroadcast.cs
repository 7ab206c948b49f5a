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

    /// <summary>The silo's seal (see <see cref="InboxMessage.Seal"/>): agents apply only sealed strategies, so a
    /// version forged onto the stream cannot take the studio's place.</summary>
    [Id(100)]
    public string? Seal { get; init; }
}
