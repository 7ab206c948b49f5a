using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Agents.ProjectShipper;

/// <summary>A release the Project Shipper is responsible for, with the date committed to customers.</summary>
/// <param name="WorkStart">When work on it starts (defaults to the committed date).</param>
/// <param name="Commitments">What customers were promised about the date.</param>
/// <param name="DependsOn">Work items of other agents it needs first ("release R needs the result of experiment E").</param>
[GenerateSerializer, Immutable, Alias("orch.ReleasePlan")]
public sealed record ReleasePlan(
    string ReleaseId,
    string ProjectId,
    string Scope,
    DateOnly CommittedDate,
    IReadOnlyList<string> Tags,
    DateOnly? WorkStart = null,
    IReadOnlyList<CustomerCommitment>? Commitments = null,
    IReadOnlyList<Dependency>? DependsOn = null);
