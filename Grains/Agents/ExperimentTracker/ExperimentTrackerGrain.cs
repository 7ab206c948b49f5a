using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Strategy;

namespace Orchestration.Grains.Agents.ExperimentTracker;

/// <summary>The Experiment Tracker: owns A/B tests; a new strategy re-ranks which experiments run first.</summary>
[GrainType(AgentKinds.ExperimentTracker)]
public sealed class ExperimentTrackerGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<ExperimentTrackerState> state,
    ILogger<ExperimentTrackerGrain> logger)
    : AgentGrain<ExperimentTrackerState>(state, logger), IExperimentTrackerGrain
{
    public async Task PlanExperiment(ExperimentPlan plan)
    {
        plan = Validate(plan);
        State.ExperimentQueue.RemoveAll(e => e.ExperimentId == plan.ExperimentId);
        State.ExperimentQueue.Add(plan);
        State.ExperimentQueue = Rank(State.ExperimentQueue, State.Strategy);
        await WriteStateAsync();
    }

    public Task<IReadOnlyList<ExperimentPlan>> GetExperimentQueue() =>
        Task.FromResult<IReadOnlyList<ExperimentPlan>>([.. State.ExperimentQueue]);

    protected override void OnStrategyApplied(StudioStrategy strategy) =>
        State.ExperimentQueue = Rank(State.ExperimentQueue, strategy);

    /// <summary>Highest priority first; within a priority, the experiment that ends first.</summary>
    private static List<ExperimentPlan> Rank(IEnumerable<ExperimentPlan> experiments, StudioStrategy? strategy) =>
        PriorityRanking.Order(experiments, strategy?.Priorities ?? [], e => e.ProjectId, e => e.Tags, e => e.PlannedEnd, e => e.ExperimentId);

    private static ExperimentPlan Validate(ExperimentPlan? plan)
    {
        plan = Require.Present(plan, "plan");
        Require.Id(plan.ExperimentId, "plan.experimentId");
        Require.Id(plan.ProjectId, "plan.projectId");
        Require.Text(plan.Hypothesis, "plan.hypothesis");
        Require.Ordered(plan.Start, plan.PlannedEnd, "plan.plannedEnd", "start", "planned end");
        return plan with { Tags = [.. Require.Labels(plan.Tags, "plan.tags")] };
    }
}
