namespace Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

/// <summary>An experiment ended with a winner: the Tracker hands the implementation to a Shipper.</summary>
/// <param name="Priority">1 (highest) to 5.</param>
[GenerateSerializer, Immutable, Alias("orch.ExperimentConclusion")]
public sealed record ExperimentConclusion(string ExperimentId, string Winner, string ImplementationSpec, int Priority, string ToAgentId);
