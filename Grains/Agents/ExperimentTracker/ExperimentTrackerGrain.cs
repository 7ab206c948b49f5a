using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Strategy;

namespace Orchestration.Grains.Agents.ExperimentTracker;

/// <summary>
/// The Experiment Tracker: owns A/B tests. A new strategy re-ranks which experiments run first; a decision re-plans
/// an experiment (after launch, or as a faster variant); a winner is handed to a Shipper; post-launch metrics and
/// feedback are taken in.
/// </summary>
[GrainType(AgentKinds.ExperimentTracker)]
public sealed class ExperimentTrackerGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<ExperimentTrackerState> state,
    ILogger<ExperimentTrackerGrain> logger)
    : AgentGrain<ExperimentTrackerState>(state, logger), IExperimentTrackerGrain
{
    public const int MaxExtensionDays = 365;

    public async Task<WorkItemReceipt> PlanExperiment(ExperimentPlan plan)
    {
        plan = Validate(plan);
        var receipt = await DeclareAsync(ToWorkItem(plan), "experiment planned");
        Store(plan);
        await WriteStateAsync();
        return receipt;
    }

    public async Task<WorkItemReceipt> ExtendExperiment(string experimentId, int days, string reason)
    {
        var experiment = Find(experimentId, "experimentId");
        Require.InRange(days, 1, MaxExtensionDays, "days");
        var extended = experiment with { PlannedEnd = Require.Date(experiment.PlannedEnd.AddDays(days), "days") };
        var receipt = await DeclareAsync(ToWorkItem(extended), Require.Text(reason, "reason"));
        Store(extended);
        await WriteStateAsync();
        return receipt;
    }

    public async Task<HandoffRecord> ConcludeExperiment(ExperimentConclusion conclusion)
    {
        conclusion = Require.Present(conclusion, "conclusion");
        var experiment = Find(conclusion.ExperimentId, "conclusion.experimentId");
        var handoff = await HandOffAsync(new HandoffOffer(
            $"winner:{experiment.ExperimentId}", HandoffKind.WinningExperiment, AgentId, Require.Id(conclusion.ToAgentId, "conclusion.toAgentId"),
            experiment.ExperimentId, experiment.ProjectId, $"{experiment.ExperimentId} won with '{Require.Label(conclusion.Winner, "conclusion.winner")}': implement it",
            new Dictionary<string, string>
            {
                ["winner"] = conclusion.Winner,
                ["implementation-spec"] = Require.Text(conclusion.ImplementationSpec, "conclusion.implementationSpec"),
                ["hypothesis"] = experiment.Hypothesis,
            },
            conclusion.Priority));
        await WorkGraph.CompleteWorkItem(new WorkItemCompletion(experiment.ExperimentId, AgentId));
        State.ExperimentQueue.Remove(experiment);
        BoundedLog.Append(State.Concluded, experiment, ExperimentTrackerState.ConcludedKept);
        await WriteStateAsync();
        return handoff;
    }

    public Task<IReadOnlyList<ExperimentPlan>> GetExperimentQueue() =>
        Task.FromResult<IReadOnlyList<ExperimentPlan>>([.. State.ExperimentQueue]);

    protected override void OnStrategyApplied(StudioStrategy strategy) =>
        State.ExperimentQueue = Rank(State.ExperimentQueue, strategy);

    protected override async Task ApplyActionItemAsync(ActionItem item)
    {
        if (State.ExperimentQueue.FirstOrDefault(e => e.ExperimentId == item.ItemId) is not { } experiment) return;
        var changed = experiment with
        {
            Start = item.NewStart ?? experiment.Start,
            PlannedEnd = item.NewEnd ?? experiment.PlannedEnd,
            DependsOn = item.Action == ActionKind.Descope
                ? [.. (experiment.DependsOn ?? []).Where(d => d.ItemId != item.DropDependencyOn)]
                : experiment.DependsOn,
        };
        if (changed == experiment) return;
        await DeclareAsync(ToWorkItem(changed), $"applying {item.ActionItemId}: {item.Instruction}");
        Store(changed);
    }

    /// <summary>Takes in what shipped releases teach: it feeds the next round of experiments.</summary>
    protected override (bool Accept, string Reason) ConsiderHandoff(HandoffOffer offer) =>
        offer.Kind == HandoffKind.PostLaunch
            ? (true, $"release metrics and feedback of {offer.ItemId} taken into the experiment backlog")
            : (false, $"a tracker takes post-launch results, not {offer.Kind}");

    private void Store(ExperimentPlan plan)
    {
        State.ExperimentQueue.RemoveAll(e => e.ExperimentId == plan.ExperimentId);
        State.ExperimentQueue.Add(plan);
        State.ExperimentQueue = Rank(State.ExperimentQueue, State.Strategy);
    }

    private ExperimentPlan Find(string? experimentId, string field) =>
        State.ExperimentQueue.FirstOrDefault(e => e.ExperimentId == experimentId)
        ?? throw new InvalidRequestException(field, $"no experiment '{experimentId}' in the queue of '{AgentId}'");

    private WorkItem ToWorkItem(ExperimentPlan plan) => new(
        plan.ExperimentId, WorkItemKind.Experiment, AgentId, plan.ProjectId,
        plan.Hypothesis.Length <= Limits.MaxLabelLength ? plan.Hypothesis : plan.Hypothesis[..Limits.MaxLabelLength],
        plan.Start, plan.PlannedEnd, plan.DependsOn ?? [], plan.RevenueAtStake, plan.SampleSizeNeeded);

    /// <summary>Highest priority first; within a priority, the experiment that ends first.</summary>
    private static List<ExperimentPlan> Rank(IEnumerable<ExperimentPlan> experiments, StudioStrategy? strategy) =>
        PriorityRanking.Order(experiments, strategy?.Priorities ?? [], e => e.ProjectId, e => e.Tags, e => e.PlannedEnd, e => e.ExperimentId);

    private static ExperimentPlan Validate(ExperimentPlan? plan)
    {
        plan = Require.Present(plan, "plan");
        Require.Id(plan.ExperimentId, "plan.experimentId");
        Require.Id(plan.ProjectId, "plan.projectId");
        Require.Text(plan.Hypothesis, "plan.hypothesis");
        Require.Date(plan.Start, "plan.start");
        Require.Date(plan.PlannedEnd, "plan.plannedEnd");
        Require.Ordered(plan.Start, plan.PlannedEnd, "plan.plannedEnd", "start", "planned end");
        Require.InRange(plan.SampleSizeNeeded, 0, int.MaxValue, "plan.sampleSizeNeeded");
        return plan with { Tags = [.. Require.Labels(plan.Tags, "plan.tags")], Variants = [.. Require.Labels(plan.Variants, "plan.variants")] };
    }
}
