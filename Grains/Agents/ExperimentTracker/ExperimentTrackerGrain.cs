using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
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
        var toAgentId = Require.Id(conclusion.ToAgentId, "conclusion.toAgentId");
        if (State.Winners.LastOrDefault(w => w.ExperimentId == conclusion.ExperimentId) is { } placed)
            return await OfferAgain(placed, conclusion, toAgentId);

        var experiment = Find(conclusion.ExperimentId, "conclusion.experimentId");
        var winner = new WinnerHandoff(experiment.ExperimentId, Require.Label(conclusion.Winner, "conclusion.winner"),
            Require.Text(conclusion.ImplementationSpec, "conclusion.implementationSpec"), conclusion.Priority, $"winner:{experiment.ExperimentId}", toAgentId,
            HandoffStatus.Offered, Offers: 1);
        var handoff = await HandOffAsync(Offer(winner, experiment.Hypothesis, experiment.ProjectId));
        await WorkGraph.CompleteWorkItem(new WorkItemCompletion(experiment.ExperimentId, AgentId));
        State.ExperimentQueue.Remove(experiment);
        BoundedLog.Append(State.Concluded, experiment, ExperimentTrackerState.ConcludedKept);
        BoundedLog.Append(State.Winners, winner with { Status = handoff.Status, Reason = handoff.Reason }, ExperimentTrackerState.ConcludedKept);
        await WriteStateAsync();
        return handoff;
    }

    /// <summary>A concluded experiment's winner once more: the same offer again (a retry), or, after a rejection, a
    /// new offer to another agent; refused while an offer waits for its answer or once one was accepted.</summary>
    private async Task<HandoffRecord> OfferAgain(WinnerHandoff placed, ExperimentConclusion conclusion, string toAgentId)
    {
        var experiment = State.Concluded.LastOrDefault(e => e.ExperimentId == placed.ExperimentId);
        var (hypothesis, project) = (experiment?.Hypothesis ?? placed.Winner, experiment?.ProjectId ?? "");
        if (placed.Status == HandoffStatus.Offered && placed.ToAgentId != toAgentId
            && (await Producer.GetHandoffs()).FirstOrDefault(h => h.Offer.HandoffId == placed.HandoffId) is { Status: not HandoffStatus.Offered } answered)
            placed = State.Winners[State.Winners.LastIndexOf(placed)] = placed with { Status = answered.Status, Reason = answered.Reason }; // its answer is on its way here
        switch (placed.Status)
        {
            case HandoffStatus.Accepted:
                throw new InvalidRequestException("conclusion.experimentId",
                    $"the winner of {placed.ExperimentId} was accepted by {placed.ToAgentId} ({placed.HandoffId}): it has its taker");
            case HandoffStatus.Offered when placed.ToAgentId == toAgentId:
                return await HandOffAsync(Offer(placed, hypothesis, project)); // a retry: the same offer, applied once
            case HandoffStatus.Offered:
                throw new InvalidRequestException("conclusion.toAgentId",
                    $"the winner of {placed.ExperimentId} is offered to {placed.ToAgentId} ({placed.HandoffId}); offer it elsewhere once that is answered");
        }

        if (!string.Equals(conclusion.Winner, placed.Winner, StringComparison.Ordinal))
            throw new InvalidRequestException("conclusion.winner", $"the winner of {placed.ExperimentId} is '{placed.Winner}'");
        var next = placed with
        {
            ImplementationSpec = Require.Text(conclusion.ImplementationSpec, "conclusion.implementationSpec"), Priority = conclusion.Priority,
            HandoffId = $"winner:{placed.ExperimentId}:{placed.Offers + 1}", ToAgentId = toAgentId, Status = HandoffStatus.Offered, Offers = placed.Offers + 1, Reason = null,
        };
        var handoff = await HandOffAsync(Offer(next, hypothesis, project));
        State.Winners[State.Winners.LastIndexOf(placed)] = next with { Status = handoff.Status, Reason = handoff.Reason };
        await WriteStateAsync();
        return handoff;
    }

    private HandoffOffer Offer(WinnerHandoff winner, string hypothesis, string projectId) => new(
        winner.HandoffId, HandoffKind.WinningExperiment, AgentId, winner.ToAgentId, winner.ExperimentId, projectId,
        $"{winner.ExperimentId} won with '{winner.Winner}': implement it",
        new Dictionary<string, string> { ["winner"] = winner.Winner, ["implementation-spec"] = winner.ImplementationSpec, ["hypothesis"] = hypothesis },
        winner.Priority);

    public Task<IReadOnlyList<WinnerHandoff>> GetWinners() => Task.FromResult<IReadOnlyList<WinnerHandoff>>([.. State.Winners]);

    /// <summary>The answer to a winner's handoff: accepted, it has its taker; rejected, it stays here to be offered again.</summary>
    protected override Task OnInboxMessageAsync(InboxMessage message)
    {
        if (message is HandoffConcluded { Handoff: var settled } && State.Winners.FindLastIndex(w => w.HandoffId == settled.Offer.HandoffId) is var i and >= 0)
            State.Winners[i] = State.Winners[i] with { Status = settled.Status, Reason = settled.Reason };
        return Task.CompletedTask;
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
