namespace Orchestration.Grains.Interfaces.Conflicts;

/// <summary>A human picks an option for a decision the policy held.</summary>
[GenerateSerializer, Immutable, Alias("orch.ApproveDecision")]
public sealed record ApproveDecision(string ConflictId, string OptionId, string By, string Why);

/// <summary>A human replaces the option of a decision already made; recorded with who and why.</summary>
[GenerateSerializer, Immutable, Alias("orch.OverrideDecision")]
public sealed record OverrideDecision(string ConflictId, string OptionId, string By, string Why);

/// <summary>An agent applied its action items of a decision.</summary>
[GenerateSerializer, Immutable, Alias("orch.DecisionAcknowledgement")]
public sealed record DecisionAcknowledgement(string ConflictId, string DecisionId, string AgentId);
