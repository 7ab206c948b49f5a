namespace Orchestration.Grains.Interfaces.Conflicts;

/// <summary>One way out of a conflict, with its business impact and the action items it implies.</summary>
/// <param name="OptionId">Stable within the conflict: the kind in kebab case ("delay-dependent").</param>
/// <param name="Score">Weighted cost under the strategy in force when it was assessed: lower is better.</param>
[GenerateSerializer, Immutable, Alias("orch.ResolutionOption")]
public sealed record ResolutionOption(
    string OptionId,
    ResolutionKind Kind,
    string Summary,
    BusinessImpact Impact,
    IReadOnlyList<ActionItem> ActionItems,
    double Score);
