using Orchestration.Grains.Interfaces.Agents.ProjectShipper;

namespace Orchestration.Grains.Agents.ProjectShipper;

[GenerateSerializer, Alias("orch.ProjectShipperState")]
public sealed class ProjectShipperState : AgentState
{
    /// <summary>Kept in the order the strategy in force ranks them.</summary>
    [Id(0)] public List<ReleasePlan> ReleaseQueue { get; set; } = [];
}
