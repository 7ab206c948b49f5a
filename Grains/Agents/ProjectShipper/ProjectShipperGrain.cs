using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Strategy;

namespace Orchestration.Grains.Agents.ProjectShipper;

/// <summary>
/// The Project Shipper: owns releases and their committed dates. A new strategy reorders its release queue; a
/// decision moves, keeps or descopes a release; it takes winning experiments to implement while it has capacity,
/// and hands each shipped release's metrics and feedback to a Tracker.
/// </summary>
[GrainType(AgentKinds.ProjectShipper)]
public sealed class ProjectShipperGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<ProjectShipperState> state,
    ILogger<ProjectShipperGrain> logger)
    : AgentGrain<ProjectShipperState>(state, logger), IProjectShipperGrain
{
    public async Task<WorkItemReceipt> PlanRelease(ReleasePlan plan)
    {
        plan = Validate(plan);
        var receipt = await DeclareAsync(ToWorkItem(plan), "release planned"); // the Producer refuses first, or records first
        Store(plan);
        await WriteStateAsync();
        return receipt;
    }

    public Task<IReadOnlyList<ReleasePlan>> GetReleaseQueue() =>
        Task.FromResult<IReadOnlyList<ReleasePlan>>([.. State.ReleaseQueue]);

    public async Task<HandoffRecord> ShipRelease(ReleaseShipped shipped)
    {
        shipped = Require.Present(shipped, "shipped");
        var release = Find(shipped.ReleaseId, "shipped.releaseId");
        var payload = new Dictionary<string, string>(Require.Present(shipped.Metrics, "shipped.metrics"), StringComparer.Ordinal)
        {
            ["user-feedback"] = Require.Text(shipped.UserFeedback, "shipped.userFeedback"),
        };
        var handoff = await HandOffAsync(new HandoffOffer(
            $"post-launch:{release.ReleaseId}", HandoffKind.PostLaunch, AgentId, Require.Id(shipped.ToAgentId, "shipped.toAgentId"),
            release.ReleaseId, release.ProjectId, $"{release.ReleaseId} shipped: release metrics and user feedback", payload, Priority: 3));
        await WorkGraph.CompleteWorkItem(new WorkItemCompletion(release.ReleaseId, AgentId));
        State.ReleaseQueue.Remove(release);
        BoundedLog.Append(State.Shipped, release, ProjectShipperState.ShippedKept);
        await WriteStateAsync();
        return handoff;
    }

    protected override void OnStrategyApplied(StudioStrategy strategy) =>
        State.ReleaseQueue = Rank(State.ReleaseQueue, strategy);

    protected override async Task ApplyActionItemAsync(ActionItem item)
    {
        if (State.ReleaseQueue.FirstOrDefault(r => r.ReleaseId == item.ItemId) is not { } release) return;
        var changed = release with
        {
            WorkStart = item.NewStart ?? release.WorkStart,
            CommittedDate = item.NewEnd ?? release.CommittedDate,
            DependsOn = item.Action == ActionKind.Descope
                ? [.. (release.DependsOn ?? []).Where(d => d.ItemId != item.DropDependencyOn)]
                : release.DependsOn,
        };
        if (changed == release) return;
        await DeclareAsync(ToWorkItem(changed), $"applying {item.ActionItemId}: {item.Instruction}");
        Store(changed);
    }

    /// <summary>Takes a winning experiment to implement while releases and accepted work fit its capacity.</summary>
    protected override (bool Accept, string Reason) ConsiderHandoff(HandoffOffer offer)
    {
        var load = State.ReleaseQueue.Count + State.Implementing.Count;
        return offer.Kind != HandoffKind.WinningExperiment
            ? (false, $"a shipper takes winning experiments, not {offer.Kind}")
            : load >= State.Capacity
                ? (false, $"at capacity: {load} of {State.Capacity} slots in use")
                : (true, $"scheduled for implementation at priority {offer.Priority} ({load + 1} of {State.Capacity} slots)");
    }

    protected override void OnHandoffAccepted(HandoffOffer offer)
    {
        if (!State.Implementing.Contains(offer.ItemId)) State.Implementing.Add(offer.ItemId);
    }

    private void Store(ReleasePlan plan)
    {
        // A release that depends on an accepted winning experiment implements it: its slot moves to the release.
        foreach (var dependency in plan.DependsOn ?? []) State.Implementing.Remove(dependency.ItemId);
        State.ReleaseQueue.RemoveAll(r => r.ReleaseId == plan.ReleaseId);
        State.ReleaseQueue.Add(plan);
        State.ReleaseQueue = Rank(State.ReleaseQueue, State.Strategy);
    }

    private ReleasePlan Find(string? releaseId, string field) =>
        State.ReleaseQueue.FirstOrDefault(r => r.ReleaseId == releaseId)
        ?? throw new InvalidRequestException(field, $"no release '{releaseId}' in the queue of '{AgentId}'");

    private WorkItem ToWorkItem(ReleasePlan plan) => new(
        plan.ReleaseId, WorkItemKind.Release, AgentId, plan.ProjectId, Title(plan.Scope),
        plan.WorkStart ?? plan.CommittedDate, plan.CommittedDate, plan.DependsOn ?? [], Commitments: plan.Commitments ?? []);

    private static string Title(string text) => text.Length <= Limits.MaxLabelLength ? text : text[..Limits.MaxLabelLength];

    /// <summary>Highest priority first; within a priority, the earliest committed date ships first.</summary>
    private static List<ReleasePlan> Rank(IEnumerable<ReleasePlan> releases, StudioStrategy? strategy) =>
        PriorityRanking.Order(releases, strategy?.Priorities ?? [], r => r.ProjectId, r => r.Tags, r => r.CommittedDate, r => r.ReleaseId);

    private static ReleasePlan Validate(ReleasePlan? plan)
    {
        plan = Require.Present(plan, "plan");
        Require.Id(plan.ReleaseId, "plan.releaseId");
        Require.Id(plan.ProjectId, "plan.projectId");
        Require.Text(plan.Scope, "plan.scope");
        Require.Date(plan.CommittedDate, "plan.committedDate");
        if (plan.WorkStart is { } start) Require.Ordered(Require.Date(start, "plan.workStart"), plan.CommittedDate, "plan.committedDate", "work start", "committed date");
        return plan with { Tags = [.. Require.Labels(plan.Tags, "plan.tags")] };
    }
}
