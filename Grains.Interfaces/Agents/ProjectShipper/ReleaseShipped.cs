namespace Orchestration.Grains.Interfaces.Agents.ProjectShipper;

/// <summary>A release went out: the Shipper hands its metrics and user feedback to a Tracker.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReleaseShipped")]
public sealed record ReleaseShipped(string ReleaseId, IReadOnlyDictionary<string, string> Metrics, string UserFeedback, string ToAgentId);
