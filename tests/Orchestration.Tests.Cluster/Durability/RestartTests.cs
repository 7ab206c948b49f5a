using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>Decisions, pending decisions and handoffs are persisted before they are acknowledged: restarting every
/// silo loses none of them, and the studio carries on from where it was.</summary>
[Collection(DurableClusterCollection.Name)]
public class RestartTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task Restarting_every_silo_loses_no_decision_pending_decision_or_handoff()
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");
        var llmId = Ids.New("llm");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await studio.RegisterExternalAgentAsync(llmId, AgentKinds.ExperimentTracker, "LLM tracker", 1); // never answers
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments"], ["human-approval on conflicts"], "Customers first; a human decides", "ceo"));

        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        var today = DateOnly.FromDateTime(fixture.StudioTime.GetUtcNow().UtcDateTime);
        await tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "Green CTA", today, today.AddDays(21), [], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
        await shipper.PlanRelease(new ReleasePlan("checkout-v2", "checkout", "One-page checkout", today.AddDays(30), [], today,
            [new CustomerCommitment("Acme", 40, true)], [new Dependency("exp-cta", 2)]));
        await shipper.PlanRelease(new ReleasePlan("billing-v4", "billing", "Invoices", today.AddDays(33), [], today, [], [new Dependency("exp-cta")]));

        Assert.Equal(2, (await tracker.ExtendExperiment("exp-cta", 21, "needs three more weeks")).ConflictsRaised.Count);
        var raised = await studio.WorkGraph.GetConflicts();
        var decided = raised.Single(c => c.ImpactedItemId == "billing-v4").ConflictId;
        var pending = raised.Single(c => c.ImpactedItemId == "checkout-v2").ConflictId;
        await studio.WorkGraph.ApproveDecision(new ApproveDecision(decided, "proceed-and-run-after", "vp-product", "ship, learn after"));
        await Eventually.Until(async () => (await studio.WorkGraph.GetConflict(decided))!, c => c.Status == ConflictStatus.Resolved, "the approved decision to be applied");
        await shipper.ShipRelease(new ReleaseShipped("billing-v4", new Dictionary<string, string> { ["invoices"] = "1200" }, "Fine", llmId)); // stays offered

        var before = await ReadView(studio, tracker, shipper);
        Assert.Equal(ConflictStatus.PendingDecision, before.Conflicts.Single(c => c.ConflictId == pending).Status);
        Assert.Single(before.Log);
        Assert.Equal(HandoffStatus.Offered, before.Handoffs.Single().Status);

        await fixture.RestartAllSilosAsync();

        var after = await ReadView(studio, tracker, shipper);
        Assert.Equivalent(before, after, strict: true);

        // And it carries on: the pending decision is approved after the restart, and the agents apply it.
        var slip = after.Conflicts.Single(c => c.ConflictId == pending).SlipDays;
        await studio.WorkGraph.ApproveDecision(new ApproveDecision(pending, "delay-dependent", "vp-product", "Acme agreed to wait"));
        await Eventually.Until(async () => (await studio.WorkGraph.GetConflict(pending))!, c => c.Status == ConflictStatus.Resolved, "the decision made after the restart to be applied");
        Assert.Equal(today.AddDays(30 + slip), (await shipper.GetReleaseQueue()).Single(r => r.ReleaseId == "checkout-v2").CommittedDate);
    }

    private sealed record View(
        IReadOnlyList<Conflict> Conflicts, IReadOnlyList<Decision> Log, IReadOnlyList<HandoffRecord> Handoffs, IReadOnlyList<WorkItem> Work,
        AgentSnapshot Tracker, AgentSnapshot Shipper, IReadOnlyList<ReleasePlan> Releases, IReadOnlyList<ExperimentPlan> Experiments);

    private static async Task<View> ReadView(Orchestration.Client.StudioClient studio, IExperimentTrackerGrain tracker, IProjectShipperGrain shipper) => new(
        await studio.WorkGraph.GetConflicts(), await studio.WorkGraph.GetDecisionLog(), await studio.Producer.GetHandoffs(), await studio.WorkGraph.GetWorkItems(),
        await tracker.GetSnapshot(), await shipper.GetSnapshot(), await shipper.GetReleaseQueue(), await tracker.GetExperimentQueue());
}
