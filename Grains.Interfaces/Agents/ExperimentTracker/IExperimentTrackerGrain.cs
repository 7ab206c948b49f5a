namespace Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

/// <summary>The Experiment Tracker agent (key: agent id). Keeps its experiments ranked by the studio's current priorities.</summary>
[Alias("orch.IExperimentTrackerGrain")]
public interface IExperimentTrackerGrain : IAgentGrain
{
    /// <summary>Adds or replaces an experiment (idempotent by experiment id).</summary>
    [Alias("PlanExperiment")]
    Task PlanExperiment(ExperimentPlan plan);

    /// <summary>Experiments in the order the current strategy ranks them.</summary>
    [Alias("GetExperimentQueue")]
    Task<IReadOnlyList<ExperimentPlan>> GetExperimentQueue();
}
