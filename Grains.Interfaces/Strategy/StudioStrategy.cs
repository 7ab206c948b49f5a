namespace Orchestration.Grains.Interfaces.Strategy;

/// <summary>A published version of the studio's strategy: what every agent applies.</summary>
[GenerateSerializer, Immutable, Alias("orch.StudioStrategy")]
public sealed record StudioStrategy(
    string StudioId,
    int Version,
    IReadOnlyList<string> Priorities,
    IReadOnlyList<string> Constraints,
    string Rationale,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    string MessageId);
