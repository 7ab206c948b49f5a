using System.Collections.Concurrent;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Conflicts;

/// <summary>Conflicts a studio producer can trust, end to end through the client: no phantom conflict outlives its
/// cause, and a conflict is seen whichever end of a dependency changed.</summary>
[Collection(ClusterCollection.Name)]
public class ConflictCorrectnessTests(ClusterFixture fixture)
{
    // Agent ids are cluster-wide and an agent belongs to one studio: each test's agents are its own.
    private readonly string _tracker = Ids.New("tracker");
    private readonly string _shipper = Ids.New("shipper");

    private static readonly CustomerCommitment Acme = new("Acme", 40, Contractual: true);

    private async Task<StudioClient> Studio(params string[] constraints)
    {
        var studio = fixture.NewStudio();
        await studio.Producer.RegisterAgent(new AgentRegistration(_tracker, AgentKinds.ExperimentTracker, "Tracker", 4, AgentHosting.External));
        await studio.Producer.RegisterAgent(new AgentRegistration(_shipper, AgentKinds.ProjectShipper, "Shipper", 4, AgentHosting.External));
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments"], constraints, "Customers first", "ceo"));
        return studio;
    }

    private WorkItem Experiment(int end) =>
        new("exp-1", WorkItemKind.Experiment, _tracker, "checkout", "Green CTA", fixture.Today, fixture.Today.AddDays(end), [], 100_000m, 5_000);

    private WorkItem Release(int committed) => new("rel-1", WorkItemKind.Release, _shipper, "checkout", "Checkout", fixture.Today,
        fixture.Today.AddDays(committed), [new Dependency("exp-1", 2)], Commitments: [Acme]);

    [Fact]
    public async Task A_slip_taken_back_withdraws_its_held_conflict_resolves_its_escalation_and_tells_both_agents()
    {
        var studio = await Studio("human-approval");
        var told = new ConcurrentBag<ConflictWithdrawnNotice>();
        await using var tracker = await studio.WatchInboxAsync(_tracker, m => { if (m is ConflictWithdrawnNotice n) told.Add(n); return Task.CompletedTask; });
        await using var shipper = await studio.WatchInboxAsync(_shipper, m => { if (m is ConflictWithdrawnNotice n) told.Add(n); return Task.CompletedTask; });
        await studio.WorkGraph.DeclareWorkItem(Experiment(21), "planned");
        await studio.WorkGraph.DeclareWorkItem(Release(30), "planned");
        var conflictId = (await studio.WorkGraph.DeclareWorkItem(Experiment(42), "three more weeks")).ConflictsRaised.Single();
        Assert.Equal(ConflictStatus.PendingDecision, (await studio.WorkGraph.GetConflict(conflictId))!.Status);

        await studio.WorkGraph.DeclareWorkItem(Experiment(21), "not needed after all");

        var conflict = (await studio.WorkGraph.GetConflict(conflictId))!;
        Assert.Equal((ConflictStatus.Withdrawn, null), (conflict.Status, conflict.Decision));
        var escalation = (await studio.Escalations.GetEscalations()).Single(e => e.SourceId == conflictId);
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);
        Assert.StartsWith("withdrawn", escalation.Resolution);
        await Eventually.Until(() => Task.FromResult(told.Select(n => n.AgentId).Order(StringComparer.Ordinal).ToList()),
            agents => agents.SequenceEqual([_shipper, _tracker]), "both agents to be told");

        // It stays withdrawn: no approval, and the next strategy decides nothing.
        await Assert.ThrowsAsync<InvalidRequestException>(() => studio.WorkGraph.ApproveDecision(new ApproveDecision(conflictId, conflict.Options[0].OptionId, "cpo", "go")));
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 2, ["customer-commitments"], [], "no approval needed", "ceo"));
        Assert.Empty(await studio.WorkGraph.GetDecisionLog());
        Assert.Empty(await studio.Escalations.CheckEscalationSlas());
    }

    [Fact]
    public async Task A_release_declared_on_an_experiment_that_is_already_late_is_a_conflict_at_once()
    {
        var studio = await Studio();
        await studio.WorkGraph.DeclareWorkItem(Experiment(42), "a long one");

        var receipt = await studio.WorkGraph.DeclareWorkItem(Release(30), "committed to Acme");

        var conflict = (await studio.WorkGraph.GetConflict(receipt.ConflictsRaised.Single()))!;
        Assert.Equal(("rel-1", "exp-1", "rel-1", 14), (conflict.TriggerItemId, conflict.ViaItemId, conflict.ImpactedItemId, conflict.SlipDays));
        Assert.NotNull(conflict.Decision); // decided by the strategy, like any other conflict
    }

    [Fact]
    public async Task A_diamond_held_for_a_human_stays_as_late_as_its_worst_path_and_its_approved_plan_leaves_nothing_late()
    {
        // A contractual release needs an experiment directly (two days ahead) and through a feature release that needs
        // it too. The experiment slips 20 days: the release is 12 days late through the experiment, 10 through the
        // feature. The feature is then re-planned with more room: the release stays 12 days late (its worst path).
        var studio = fixture.NewStudio();
        var (trackerId, shipperId) = (Ids.New("tracker"), Ids.New("shipper"));
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 4);
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments"], ["human-approval"], "a human decides", "ceo"));
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        var today = fixture.Today;
        await tracker.PlanExperiment(new ExperimentPlan("exp-e", "checkout", "E lifts conversion", today, today.AddDays(20), [], ["a", "b"], 10_000, 200_000m));
        ReleasePlan Feature(int committed) => new("rel-x", "checkout", "Feature X", today.AddDays(committed), [], WorkStart: today, DependsOn: [new Dependency("exp-e")]);
        await shipper.PlanRelease(Feature(28));
        await shipper.PlanRelease(new ReleasePlan("rel-r", "checkout", "Release R", today.AddDays(30), [], WorkStart: today, Commitments: [Acme],
            DependsOn: [new Dependency("exp-e", 2), new Dependency("rel-x")]));
        await tracker.ExtendExperiment("exp-e", 20, "the traffic dropped");
        await shipper.PlanRelease(Feature(36));

        var held = (await studio.WorkGraph.GetConflicts()).Single(c => c.ImpactedItemId == "rel-r");
        Assert.Equal((ConflictStatus.PendingDecision, 12, "exp-e"), (held.Status, held.SlipDays, held.ViaItemId));

        await studio.WorkGraph.ApproveDecision(new ApproveDecision(held.ConflictId, held.RecommendedOptionId!, "producer", "as recommended"));

        // The hosted agents apply the plan; every conflict closes, and nothing in the graph is late.
        await Eventually.Until(async () => await studio.WorkGraph.GetConflicts(), conflicts => conflicts.All(c => c.Status is ConflictStatus.Resolved or ConflictStatus.Superseded),
            "every conflict to close");
        var items = (await studio.WorkGraph.GetWorkItems()).ToDictionary(i => i.ItemId);
        foreach (var item in items.Values)
            foreach (var dependency in item.DependsOn.Where(d => items.ContainsKey(d.ItemId)))
                Assert.True(items[dependency.ItemId].ReadyAt.AddDays(dependency.LeadDays) <= item.NeededBy, $"{dependency.ItemId} is late for {item.ItemId}");
    }

    [Theory]
    [InlineData("customer-commitments", "learning")]
    [InlineData("learning", "revenue")]
    public async Task Two_releases_on_one_experiment_get_one_plan_the_hosted_agents_apply_without_contradiction(params string[] priorities)
    {
        var studio = fixture.NewStudio();
        var (trackerId, shipperId) = (Ids.New("tracker"), Ids.New("shipper"));
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 4);
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, priorities, [], "the studio's priorities", "ceo"));
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        var today = fixture.Today;
        await tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "A green CTA lifts conversion", today, today.AddDays(21), [],
            ["control", "green"], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
        await shipper.PlanRelease(new ReleasePlan("rel-web", "checkout", "Web checkout", today.AddDays(30), [], WorkStart: today,
            Commitments: [Acme], DependsOn: [new Dependency("exp-cta", LeadDays: 2)]));
        await shipper.PlanRelease(new ReleasePlan("rel-app", "checkout", "App checkout", today.AddDays(34), [], WorkStart: today,
            Commitments: [new CustomerCommitment("Beta", 5, Contractual: true)], DependsOn: [new Dependency("exp-cta")]));

        var raised = (await tracker.ExtendExperiment("exp-cta", 21, "the first week of data was lost")).ConflictsRaised;
        // A conflict held for a human is approved on the policy's recommendation, as the producer would.
        while ((await studio.WorkGraph.GetPendingDecisions()).FirstOrDefault() is { } held)
            await studio.WorkGraph.ApproveDecision(new ApproveDecision(held.ConflictId, held.RecommendedOptionId!, "producer", "as recommended"));

        // The agents apply their action items as the streams bring them, in whatever order; every conflict closes.
        var conflicts = new List<Conflict>();
        foreach (var id in raised)
            conflicts.Add(await Eventually.Until(async () => (await studio.WorkGraph.GetConflict(id))!,
                c => c.Status is ConflictStatus.Resolved or ConflictStatus.Superseded, $"{id} to close"));
        var instructions = conflicts.Where(c => c.Decision is not null).SelectMany(c => c.Decision!.ActionItems).ToList();
        Assert.Equal(instructions.Count, instructions.Select(a => a.ItemId).Distinct().Count()); // one instruction per item

        // The graph ends where the plan said, and the studio raised nothing against its own plan.
        var items = (await studio.WorkGraph.GetWorkItems()).ToDictionary(i => i.ItemId);
        foreach (var action in instructions)
            Assert.Equal((action.NewStart, action.NewEnd), ((DateOnly?)items[action.ItemId].Start, (DateOnly?)items[action.ItemId].End));
        var journal = new List<StudioEvent>();
        await foreach (var e in studio.ReadJournalAsync(0, [nameof(ConflictRaised)])) journal.Add(e);
        Assert.Equal(raised.Count, journal.Count);
        Assert.Empty(await studio.WorkGraph.GetPendingDecisions());
    }

    [Fact]
    public async Task A_decision_states_money_in_the_studios_currency_and_says_why_a_faster_variant_was_not_offered()
    {
        // exp-1 slips to day 42; rel-1 ships on day 19 and needs it 2 days before: a faster exp-1 would end on day 17
        // with 43 % power, below the default minimum of 50 %, so it is not an option.
        var studio = await Studio();
        await studio.WorkGraph.DeclareWorkItem(Experiment(14), "planned");
        await studio.WorkGraph.DeclareWorkItem(Release(19), "planned");

        var conflictId = (await studio.WorkGraph.DeclareWorkItem(Experiment(42), "slip")).ConflictsRaised.Single();

        var decision = (await studio.WorkGraph.GetConflict(conflictId))!.Decision!;
        Assert.DoesNotContain(decision.Rejected, r => r.OptionId == "shorten-prerequisite");
        Assert.Contains("Not offered: shorten-prerequisite: ending exp-1 on", decision.Rationale);
        Assert.Contains("below the studio's minimum of 50 %", decision.Rationale);
        Assert.Contains(decision.Rejected, r => r.Why.Contains("USD 50,000 of revenue at risk", StringComparison.Ordinal)); // running it after launch: half of 100,000
        Assert.Contains(" points", decision.Rationale);
    }
}
