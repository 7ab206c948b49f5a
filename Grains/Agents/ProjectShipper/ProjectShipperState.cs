using Orchestration.Grains.Interfaces.Agents.ProjectShipper;

namespace Orchestration.Grains.Agents.ProjectShipper;

[GenerateSerializer, Alias("orch.ProjectShipperState")]
public sealed class ProjectShipperState : AgentState
{
    public const int ShippedKept = 200;

    /// <summary>Kept in the order the strategy in force ranks them.</summary>
    [Id(0)] public List<ReleasePlan> ReleaseQueue { get; set; } = [];

    /// <summary>The most recent releases shipped, oldest first.</summary>
    [Id(1)] public List<ReleasePlan> Shipped { get; set; } = [];

    /// <summary>Winning experiments accepted for implementation that no planned release implements yet: each holds a
    /// slot until a release that depends on it is planned. Never more than the capacity, so never trimmed.</summary>
    [Id(2)] public List<string> Implementing { get; set; } = [];
}
