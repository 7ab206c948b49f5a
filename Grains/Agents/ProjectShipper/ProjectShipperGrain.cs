using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Strategy;

namespace Orchestration.Grains.Agents.ProjectShipper;

/// <summary>The Project Shipper: owns releases and their committed dates; a new strategy reorders its release queue.</summary>
[GrainType(AgentKinds.ProjectShipper)]
public sealed class ProjectShipperGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<ProjectShipperState> state,
    ILogger<ProjectShipperGrain> logger)
    : AgentGrain<ProjectShipperState>(state, logger), IProjectShipperGrain
{
    public async Task PlanRelease(ReleasePlan plan)
    {
        plan = Validate(plan);
        State.ReleaseQueue.RemoveAll(r => r.ReleaseId == plan.ReleaseId);
        State.ReleaseQueue.Add(plan);
        State.ReleaseQueue = Rank(State.ReleaseQueue, State.Strategy);
        await WriteStateAsync();
    }

    public Task<IReadOnlyList<ReleasePlan>> GetReleaseQueue() =>
        Task.FromResult<IReadOnlyList<ReleasePlan>>([.. State.ReleaseQueue]);

    protected override void OnStrategyApplied(StudioStrategy strategy) =>
        State.ReleaseQueue = Rank(State.ReleaseQueue, strategy);

    /// <summary>Highest priority first; within a priority, the earliest committed date ships first.</summary>
    private static List<ReleasePlan> Rank(IEnumerable<ReleasePlan> releases, StudioStrategy? strategy) =>
        PriorityRanking.Order(releases, strategy?.Priorities ?? [], r => r.ProjectId, r => r.Tags, r => r.CommittedDate, r => r.ReleaseId);

    private static ReleasePlan Validate(ReleasePlan? plan)
    {
        plan = Require.Present(plan, "plan");
        Require.Id(plan.ReleaseId, "plan.releaseId");
        Require.Id(plan.ProjectId, "plan.projectId");
        Require.Text(plan.Scope, "plan.scope");
        return plan with { Tags = [.. Require.Labels(plan.Tags, "plan.tags")] };
    }
}
