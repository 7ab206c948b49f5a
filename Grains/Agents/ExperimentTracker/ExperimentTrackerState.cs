using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

namespace Orchestration.Grains.Agents.ExperimentTracker;

[GenerateSerializer, Alias("orch.ExperimentTrackerState")]
public sealed class ExperimentTrackerState : AgentState
{
    /// <summary>Kept in the order the strategy in force ranks them.</summary>
    [Id(0)] public List<ExperimentPlan> ExperimentQueue { get; set; } = [];
}
