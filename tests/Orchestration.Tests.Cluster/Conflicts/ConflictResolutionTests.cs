using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Conflicts;

/// <summary>
/// The seed's Workflow 2 end to end through the Orleans client: the Tracker says E needs three more weeks, the
/// Producer detects the conflict with the release committed to customers, decides by the strategy, and each agent
/// applies its part and acknowledges.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ConflictResolutionTests(ClusterFixture fixture)
{
    private sealed record Studio(StudioClient Client, IExperimentTrackerGrain Tracker, IProjectShipperGrain Shipper, string TrackerId, string ShipperId);

    private static readonly CustomerCommitment Acme = new("Acme", 40, Contractual: true);
    private static readonly CustomerCommitment Beta = new("Beta", 10, Contractual: false);

    /// <summary>A Tracker running E (21 days, 200,000 at stake) and a Shipper whose R, committed in 30 days, needs E's result 2 days before.</summary>
    private async Task<Studio> Setup(params string[] constraints)
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "learning"], constraints, "Customers first", "ceo"));

        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        var today = fixture.Today;
        await tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "A green CTA lifts conversion", today, today.AddDays(21), [],
            ["control", "green"], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
        await shipper.PlanRelease(new ReleasePlan("checkout-v2", "checkout", "One-page checkout", today.AddDays(30), [],
            WorkStart: today, Commitments: [Acme, Beta], DependsOn: [new Dependency("exp-cta", LeadDays: 2)]));
        return new Studio(studio, tracker, shipper, trackerId, shipperId);
    }

    private static Task<Conflict> Until(StudioClient studio, string conflictId, ConflictStatus status) =>
        Eventually.Until(async () => (await studio.WorkGraph.GetConflict(conflictId))!, c => c.Status == status, $"{conflictId} to be {status}");

    [Fact]
    public async Task Customers_first_ships_on_schedule_and_both_agents_apply_the_decision()
    {
        var s = await Setup();
        var today = fixture.Today;

        var receipt = await s.Tracker.ExtendExperiment("exp-cta", 21, "needs three more weeks of traffic");

        var conflictId = Assert.Single(receipt.ConflictsRaised);
        var conflict = await Until(s.Client, conflictId, ConflictStatus.Resolved);

        // The escalation: a strategic conflict naming both agents, both items and the slip, due as configured (36 h).
        Assert.Equal(("exp-cta", "checkout-v2", 14), (conflict.ViaItemId, conflict.ImpactedItemId, conflict.SlipDays));
        Assert.Equal([s.TrackerId, s.ShipperId], conflict.Agents);
        Assert.Equal(conflict.RaisedAt + ClusterFixture.ConflictSla, conflict.SlaDue);

        // The decision: a faster variant that ends two days before the release (see ImpactAndPolicyTests for the numbers).
        var decision = conflict.Decision!;
        Assert.Equal((ResolutionKind.ShortenPrerequisite, "policy"), (decision.Chosen, decision.DecidedBy));
        Assert.Equal(["descope-dependent", "proceed-and-run-after", "delay-dependent"], decision.Rejected.Select(r => r.OptionId));
        Assert.Contains("priorities customer-commitments > learning", decision.Rationale);
        Assert.Contains(s.TrackerId, decision.Mitigation);
        Assert.Equal(TimeSpan.Zero, decision.Velocity); // decided as it was raised: the studio clock did not move
        Assert.All(decision.ActionItems, a => Assert.Equal(ActionStatus.Done, a.Status));
        Assert.Equal(4, conflict.Options.Count);
        Assert.Equivalent(new[] { decision }, await s.Client.WorkGraph.GetDecisionLog(), strict: true);

        // What each agent received, and what each did.
        foreach (var agent in new IAgentGrain[] { s.Tracker, s.Shipper })
            Assert.Contains((await agent.GetSnapshot()).Inbox, m => m.Type == nameof(DecisionIssued) && m.MessageId.StartsWith(decision.DecisionId, StringComparison.Ordinal));
        Assert.Equal(today.AddDays(28), (await s.Tracker.GetExperimentQueue()).Single().PlannedEnd);
        var release = (await s.Shipper.GetReleaseQueue()).Single();
        Assert.Equal(today.AddDays(30), release.CommittedDate);
        Assert.Equal(today.AddDays(28), (await s.Client.WorkGraph.GetWorkItems()).Single(i => i.ItemId == "exp-cta").End);
        Assert.Equal(0, (await s.Client.GetOverviewAsync()).ActiveConflicts);
    }

    [Fact]
    public async Task A_held_decision_is_approved_by_an_operator_then_overridden_and_the_agents_follow_each()
    {
        var s = await Setup("human-approval for conflict decisions");
        var today = fixture.Today;

        var conflictId = Assert.Single((await s.Tracker.ExtendExperiment("exp-cta", 21, "needs three more weeks")).ConflictsRaised);

        var pending = Assert.Single(await s.Client.WorkGraph.GetPendingDecisions());
        Assert.Equal((conflictId, ConflictStatus.PendingDecision), (pending.ConflictId, pending.Status));
        Assert.Contains("requires a human decision", pending.HeldBecause);
        Assert.Equal(4, pending.Options.Count);

        fixture.StudioTime.Advance(TimeSpan.FromHours(6));
        await s.Client.WorkGraph.ApproveDecision(new ApproveDecision(conflictId, "proceed-and-run-after", "vp-product", "Launch matters; learn after"));
        var approved = await Until(s.Client, conflictId, ConflictStatus.Resolved);

        Assert.Equal(("proceed-and-run-after", "vp-product", TimeSpan.FromHours(6)), (approved.Decision!.ChosenOptionId, approved.Decision.DecidedBy, approved.Decision.Velocity));
        Assert.Empty(await s.Client.WorkGraph.GetPendingDecisions());
        Assert.Empty((await s.Shipper.GetReleaseQueue()).Single().DependsOn!); // ships without waiting
        var rerun = (await s.Tracker.GetExperimentQueue()).Single();
        Assert.Equal((today.AddDays(31), today.AddDays(73)), (rerun.Start, rerun.PlannedEnd)); // after launch, same 42 days

        await s.Client.WorkGraph.OverrideDecision(new OverrideDecision(conflictId, "delay-dependent", "ceo", "Acme agreed to wait two weeks"));
        var overridden = await Eventually.Until(async () => (await s.Client.WorkGraph.GetConflict(conflictId))!,
            c => c.Status == ConflictStatus.Resolved && c.Decision!.Override is not null, "the override to be applied");

        Assert.Equal(new DecisionOverride("ceo", "Acme agreed to wait two weeks", "proceed-and-run-after", overridden.Decision!.Override!.At), overridden.Decision.Override);
        Assert.Equal(today.AddDays(44), (await s.Shipper.GetReleaseQueue()).Single().CommittedDate);
        // The log holds the decision in force; what it replaced, by whom and why, is in its override.
        Assert.Equal(("delay-dependent", "proceed-and-run-after"), (await s.Client.WorkGraph.GetDecisionLog()).Select(d => (d.ChosenOptionId, d.Override!.PreviousOptionId)).Single());
    }

    [Fact]
    public async Task An_agent_that_does_not_act_is_flagged_overdue_on_its_inbox_by_the_follow_up_reminder()
    {
        var studio = fixture.NewStudio();
        var shipperId = Ids.New("shipper");
        var trackerId = Ids.New("llm");
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await using var tracker = await studio.ConnectAgentAsync(trackerId, AgentKinds.ExperimentTracker, "LLM tracker", 2); // external: acts only if it chooses to
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments"], [], "Customers first", "ceo"));
        var today = fixture.Today;
        var experiment = new WorkItem("exp-llm", WorkItemKind.Experiment, trackerId, "checkout", "LLM copy test", today, today.AddDays(21), [], 50_000m, 5_000);
        await studio.WorkGraph.DeclareWorkItem(experiment, "planned");
        await studio.HostedAgent<IProjectShipperGrain>(shipperId).PlanRelease(
            new ReleasePlan("copy-v1", "checkout", "New copy", today.AddDays(25), [], DependsOn: [new Dependency("exp-llm")]));

        var conflictId = Assert.Single((await studio.WorkGraph.DeclareWorkItem(experiment with { End = today.AddDays(35) }, "slow traffic")).ConflictsRaised);
        var issued = Assert.IsType<DecisionIssued>(await Eventually.Next(tracker.Inbox, "the decision"));
        Assert.Equal(conflictId, issued.ConflictId);
        var trackerItem = Assert.Single(issued.ActionItems);

        // Nobody calls the follow-up: the Producer's reminder does, once the studio clock is past the due date.
        fixture.StudioTime.Advance(trackerItem.Due - fixture.StudioTime.GetUtcNow() + TimeSpan.FromMinutes(1));

        var overdue = Assert.IsType<ActionItemOverdue>(await Eventually.Next(tracker.Inbox, "the overdue notice"));
        Assert.Equal((trackerItem.ActionItemId, ActionStatus.Overdue), (overdue.ActionItem.ActionItemId, overdue.ActionItem.Status));
        Assert.Empty(await studio.WorkGraph.FollowUpActionItems()); // flagged once
        var flaggedItem = (await studio.WorkGraph.GetConflict(conflictId))!.Decision!.ActionItems.Single(a => a.ActionItemId == trackerItem.ActionItemId);
        Assert.Equal(ActionStatus.Overdue, flaggedItem.Status);
        var conflict = await Until(studio, conflictId, ConflictStatus.Decided);
        Assert.Equal([shipperId], conflict.Acknowledgements!.Keys); // the hosted shipper did its part
    }
}
