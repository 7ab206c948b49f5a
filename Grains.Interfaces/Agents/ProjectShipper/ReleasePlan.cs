namespace Orchestration.Grains.Interfaces.Agents.ProjectShipper;

/// <summary>A release the Project Shipper is responsible for, with the date committed to customers.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReleasePlan")]
public sealed record ReleasePlan(
    string ReleaseId,
    string ProjectId,
    string Scope,
    DateOnly CommittedDate,
    IReadOnlyList<string> Tags);
