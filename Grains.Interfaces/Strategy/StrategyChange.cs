namespace Orchestration.Grains.Interfaces.Strategy;

/// <summary>
/// A request to publish a new version of the studio's strategy. Versions only go forward; the same message id
/// sent again is applied once.
/// </summary>
/// <param name="MessageId">Idempotency key of this request.</param>
/// <param name="Version">Must be greater than the current version.</param>
/// <param name="Priorities">Highest first. An entry names a project id, a tag or a theme ("customer-commitments").</param>
/// <param name="Constraints">Limits every agent must respect ("no releases on Fridays").</param>
/// <param name="Rationale">Why the strategy changes: every agent receives it.</param>
/// <param name="IssuedBy">Who decided it.</param>
[GenerateSerializer, Immutable, Alias("orch.StrategyChange")]
public sealed record StrategyChange(
    string MessageId,
    int Version,
    IReadOnlyList<string> Priorities,
    IReadOnlyList<string> Constraints,
    string Rationale,
    string IssuedBy);
