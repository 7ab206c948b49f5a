using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Conflicts;

/// <summary>Bad input to the conflict workflow, through the Orleans client: refused by field and reason, nothing changes.</summary>
[Collection(ClusterCollection.Name)]
public class ConflictValidationTests(ClusterFixture fixture)
{
    private sealed record Setup(StudioClient Studio, IExperimentTrackerGrain Tracker, IProjectShipperGrain Shipper, string TrackerId, string ShipperId, string ConflictId, DateOnly Today);

    private sealed record WorkView(IReadOnlyList<WorkItem> Items, IReadOnlyList<Conflict> Conflicts, IReadOnlyList<Decision> Log,
        IReadOnlyList<HandoffRecord> Handoffs, IReadOnlyList<ExperimentPlan> Experiments, IReadOnlyList<ReleasePlan> Releases);

    private static readonly Dictionary<string, (string Field, string Reason, Func<Setup, Task> Send)> Cases = new()
    {
        ["extending an unknown experiment"] = ("experimentId", "no experiment 'ghost'",
            s => s.Tracker.ExtendExperiment("ghost", 7, "late")),
        ["an experiment ending before it starts"] = ("plan.plannedEnd", "is before start",
            s => s.Tracker.PlanExperiment(new ExperimentPlan("exp-2", "checkout", "H", s.Today.AddDays(10), s.Today.AddDays(9), []))),
        ["a slip to the end of the calendar"] = ("item.end", "dates run from 2000-01-01 to 2199-12-31",
            s => s.Studio.WorkGraph.DeclareWorkItem(new WorkItem("exp-cta", WorkItemKind.Experiment, s.TrackerId, "checkout", "H", s.Today, DateOnly.MaxValue, []), "slip")),
        ["a release committed for year 1"] = ("plan.committedDate", "dates run from",
            s => s.Shipper.PlanRelease(new ReleasePlan("rel-3", "checkout", "S", DateOnly.MinValue, []))),
        ["a release depending on a missing item"] = ("item.dependsOn[0].itemId", "no work item 'ghost'",
            s => s.Shipper.PlanRelease(new ReleasePlan("rel-2", "checkout", "S", s.Today.AddDays(9), [], DependsOn: [new Dependency("ghost")]))),
        ["a dependency that makes a cycle"] = ("item.dependsOn", "would make a dependency cycle: exp-cta → checkout-v2 → exp-cta",
            s => s.Tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "H", s.Today, s.Today.AddDays(42), [], DependsOn: [new Dependency("checkout-v2")]))),
        ["an item declared by an agent that does not own it"] = ("item.ownerAgentId", "is owned by",
            s => s.Studio.WorkGraph.DeclareWorkItem(new WorkItem("exp-cta", WorkItemKind.Experiment, s.ShipperId, "checkout", "H", s.Today, s.Today.AddDays(50), []), "grab")),
        ["an override naming an option that does not exist"] = ("request.optionId", "'pray' is not an option of",
            s => s.Studio.WorkGraph.OverrideDecision(new OverrideDecision(s.ConflictId, "pray", "ceo", "why not"))),
        ["an override without a reason"] = ("request.why", "is required",
            s => s.Studio.WorkGraph.OverrideDecision(new OverrideDecision(s.ConflictId, "delay-dependent", "ceo", ""))),
        ["an approval of a decision that is not pending"] = ("request.conflictId", "not pending a decision",
            s => s.Studio.WorkGraph.ApproveDecision(new ApproveDecision(s.ConflictId, "delay-dependent", "ceo", "go"))),
        ["an unknown conflict"] = ("request.conflictId", "no conflict 'conflict-999'",
            s => s.Studio.WorkGraph.OverrideDecision(new OverrideDecision("conflict-999", "delay-dependent", "ceo", "go"))),
        ["a handoff to an unregistered agent"] = ("offer.toAgentId", "is not registered",
            s => s.Tracker.ConcludeExperiment(new ExperimentConclusion("exp-cta", "green", "spec", 1, "stranger"))),
        ["a handoff with a priority out of range"] = ("offer.priority", "must be between 1 and 5",
            s => s.Tracker.ConcludeExperiment(new ExperimentConclusion("exp-cta", "green", "spec", 9, s.ShipperId))),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_by_field_and_reason_and_changes_nothing(string name)
    {
        var (field, reason, send) = Cases[name];
        var setup = await Populated();
        var before = await View(setup);

        var refused = await Assert.ThrowsAnyAsync<InvalidRequestException>(() => send(setup)); // or NotPermittedException, for the wrong party

        Assert.Equal(field, refused.Field);
        Assert.Contains(reason, refused.Reason);
        Assert.Equivalent(before, await View(setup), strict: true);
    }

    private static async Task<WorkView> View(Setup s) => new(
        await s.Studio.WorkGraph.GetWorkItems(), await s.Studio.WorkGraph.GetConflicts(), await s.Studio.WorkGraph.GetDecisionLog(),
        await s.Studio.Producer.GetHandoffs(), await s.Tracker.GetExperimentQueue(), await s.Shipper.GetReleaseQueue());

    /// <summary>A studio with an experiment, a release that needs it, and a resolved conflict between them.</summary>
    private async Task<Setup> Populated()
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await studio.PublishStrategyAsync(Samples.Strategy(1, "customer-commitments", "learning"));
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        var today = fixture.Today;
        await tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "H", today, today.AddDays(21), [], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
        await shipper.PlanRelease(new ReleasePlan("checkout-v2", "checkout", "S", today.AddDays(30), [], WorkStart: today,
            Commitments: [new CustomerCommitment("Acme", 40, true), new CustomerCommitment("Beta", 10, false)], DependsOn: [new Dependency("exp-cta", 2)]));
        var conflictId = (await tracker.ExtendExperiment("exp-cta", 21, "slow")).ConflictsRaised.Single();
        await Eventually.Until(async () => (await studio.WorkGraph.GetConflict(conflictId))!, c => c.Status == ConflictStatus.Resolved, "the conflict to resolve");
        return new Setup(studio, tracker, shipper, trackerId, shipperId, conflictId, today);
    }
}
