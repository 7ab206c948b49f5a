using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

namespace Orchestration.Grains.Agents.ExperimentTracker;

[GenerateSerializer, Alias("orch.ExperimentTrackerState")]
public sealed class ExperimentTrackerState : AgentState
{
    public const int ConcludedKept = 200;

    /// <summary>Kept in the order the strategy in force ranks them.</summary>
    [Id(0)] public List<ExperimentPlan> ExperimentQueue { get; set; } = [];

    /// <summary>The most recent experiments concluded, oldest first.</summary>
    [Id(1)] public List<ExperimentPlan> Concluded { get; set; } = [];

    /// <summary>Concluded experiments' winners and their handoffs, oldest first: one not yet accepted stays here, with
    /// the Tracker, to be offered again.</summary>
    [Id(2)] public List<WinnerHandoff> Winners { get; set; } = [];
}
