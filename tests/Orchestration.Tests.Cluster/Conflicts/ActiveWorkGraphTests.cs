using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Conflicts;

/// <summary>
/// The Producer keeps the active work graph: closed conflicts go to their own grains and finished work leaves the
/// graph, yet every conflict, decision and completion is still what a lookup, a retry or a metric finds.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ActiveWorkGraphTests(ClusterFixture fixture)
{
    // Agent ids are cluster-wide and an agent belongs to one studio: each test's agents are its own.
    private readonly string _tracker = Ids.New("tracker");
    private readonly string _shipper = Ids.New("shipper");

    private const int Rounds = 30;

    /// <summary>Round i: E-i slips three weeks against R-i (committed to Acme); the decision is applied and
    /// acknowledged by both agents, then both items are completed.</summary>
    private async Task<StudioClient> RunRounds()
    {
        var studio = fixture.NewStudio();
        await studio.Producer.RegisterAgent(new AgentRegistration(_tracker, AgentKinds.ExperimentTracker, "Tracker", 10, AgentHosting.External));
        await studio.Producer.RegisterAgent(new AgentRegistration(_shipper, AgentKinds.ProjectShipper, "Shipper", 10, AgentHosting.External));
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "learning"], [], "Customers first", "ceo"));
        await studio.Portfolio.DeclareProject(new ProjectDeclaration("checkout", "Checkout", [_tracker, _shipper], []));
        var today = fixture.Today;
        for (var i = 0; i < Rounds; i++)
        {
            var experiment = new WorkItem($"exp-{i}", WorkItemKind.Experiment, _tracker, "checkout", "Green CTA", today, today.AddDays(21), [], 200_000m, 10_000);
            var release = new WorkItem($"rel-{i}", WorkItemKind.Release, _shipper, "checkout", "One-page checkout", today, today.AddDays(30),
                [new Dependency(experiment.ItemId, 2)], Commitments: [new CustomerCommitment("Acme", 40, Contractual: true)]);
            await studio.WorkGraph.DeclareWorkItem(experiment, "planned");
            await studio.WorkGraph.DeclareWorkItem(release, "planned");
            var conflictId = Assert.Single((await studio.WorkGraph.DeclareWorkItem(experiment with { End = today.AddDays(42) }, "three more weeks")).ConflictsRaised);
            var decision = (await studio.WorkGraph.GetConflict(conflictId))!.Decision!;
            var items = new Dictionary<string, WorkItem> { [experiment.ItemId] = experiment with { End = today.AddDays(42) }, [release.ItemId] = release };
            foreach (var action in decision.ActionItems)
            {
                var item = items[action.ItemId];
                await studio.WorkGraph.DeclareWorkItem(item with
                {
                    Start = action.NewStart ?? item.Start,
                    End = action.NewEnd ?? item.End,
                    DependsOn = action.Action == ActionKind.Descope ? [.. item.DependsOn.Where(d => d.ItemId != action.DropDependencyOn)] : item.DependsOn,
                }, $"applying {action.ActionItemId}");
            }

            await studio.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decision.DecisionId, _tracker));
            await studio.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decision.DecisionId, _shipper));
            await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion(experiment.ItemId, _tracker));
            await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion(release.ItemId, _shipper));
        }

        return studio;
    }

    [Fact]
    public async Task Closed_conflicts_and_finished_work_leave_the_state_yet_every_one_is_still_found()
    {
        var studio = await RunRounds();

        // The state keeps what is active (nothing now) and a view of the recent past.
        Assert.Empty(await studio.WorkGraph.GetWorkItems());
        var view = await studio.WorkGraph.GetConflicts();
        Assert.Equal(25, view.Count);
        Assert.All(view, c => Assert.Equal(ConflictStatus.Resolved, c.Status));
        Assert.Equal($"conflict-{Rounds}", view[0].ConflictId);

        // The oldest conflict left the view: its record grain answers, decision and acknowledgements included.
        var first = (await studio.WorkGraph.GetConflict("conflict-1"))!;
        Assert.Equal((ConflictStatus.Resolved, "exp-0", "rel-0"), (first.Status, first.ViaItemId, first.ImpactedItemId));
        Assert.Equal([_shipper, _tracker], first.Acknowledgements!.Keys.Order(StringComparer.Ordinal));

        // Retries from the start of the studio are answered, not applied again; finished work is not planned again.
        var published = (await studio.GetOverviewAsync()).EventsPublished;
        Assert.Equal(ConflictStatus.Resolved, (await studio.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement("conflict-1", first.Decision!.DecisionId, _tracker))).Status);
        var done = await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion("exp-0", _tracker));
        Assert.Equal("exp-0", done.ItemId);
        Assert.Equal(published, (await studio.GetOverviewAsync()).EventsPublished);
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => studio.WorkGraph.DeclareWorkItem(
            new WorkItem("exp-0", WorkItemKind.Experiment, _tracker, "checkout", "Again", fixture.Today, fixture.Today.AddDays(5), []), "again"));
        Assert.Equal("item.itemId", refused.Field);
        var late = await Assert.ThrowsAsync<InvalidRequestException>(() => studio.WorkGraph.OverrideDecision(
            new OverrideDecision("conflict-1", first.Options.First(o => o.OptionId != first.Decision!.ChosenOptionId).OptionId, "cpo", "second thoughts")));
        Assert.Contains("finished", late.Message);

        // A release may still be planned on a finished experiment: its result is there.
        var receipt = await studio.WorkGraph.DeclareWorkItem(new WorkItem("rel-next", WorkItemKind.Release, _shipper, "checkout", "Follow-up",
            fixture.Today, fixture.Today.AddDays(10), [new Dependency("exp-0", 2)]), "planned on exp-0's result");
        Assert.Empty(receipt.ConflictsRaised);

        // The metrics count every round, not what the state still holds.
        var metrics = (await studio.Portfolio.GetMetrics()).Metrics.ToDictionary(m => m.Key);
        Assert.Equal(Rounds, metrics["feature-delivery-rate"].Value);
        Assert.Equal(0.0, metrics["decision-velocity"].Value);
        Assert.Equal(0.05, metrics["agent-utilization"].Value!.Value, precision: 6); // only rel-next is active: shipper 1 of 10, tracker 0 of 10
    }

    [Fact]
    public async Task The_briefing_reads_the_periods_decisions_and_completions_from_the_journal()
    {
        var studio = await RunRounds();

        var briefing = await studio.Portfolio.GetBriefing(14);

        Assert.Equal(Enumerable.Range(1, Rounds).Select(n => $"decision-{n}"), briefing.DecisionsThisPeriod.Select(d => d.DecisionId));
        Assert.Equal(2 * Rounds, briefing.Wins.Count);
        Assert.Equal(Rounds, briefing.Projects.Single(p => p.ProjectId == "checkout").DecisionsThisPeriod!.Count);
    }
}
