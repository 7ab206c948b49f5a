using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Conflicts;

/// <summary>The seed's Handoff Protocols, each tracked to its outcome through the Producer.</summary>
[Collection(ClusterCollection.Name)]
public class HandoffTests(ClusterFixture fixture)
{
    private async Task<(Orchestration.Client.StudioClient Studio, IExperimentTrackerGrain Tracker, IProjectShipperGrain Shipper, string TrackerId, string ShipperId)> Setup(int shipperCapacity)
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", shipperCapacity);
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        var today = fixture.Today;
        await tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "A green CTA lifts conversion", today, today.AddDays(14), []));
        await shipper.PlanRelease(new ReleasePlan("checkout-v2", "checkout", "One-page checkout", today.AddDays(20), []));
        return (studio, tracker, shipper, trackerId, shipperId);
    }

    [Fact]
    public async Task A_winning_experiment_is_handed_to_the_shipper_who_accepts_it()
    {
        var (studio, tracker, shipper, trackerId, shipperId) = await Setup(shipperCapacity: 3);

        var offered = await tracker.ConcludeExperiment(new ExperimentConclusion("exp-cta", "green", "Make the CTA green on every checkout step", 1, shipperId));
        Assert.Equal(HandoffStatus.Offered, offered.Status);

        var settled = await Eventually.Until(studio.Producer.GetHandoffs, h => h.Single().Status != HandoffStatus.Offered, "the shipper's answer");
        var handoff = settled.Single();
        Assert.Equal((HandoffKind.WinningExperiment, HandoffStatus.Accepted, trackerId, shipperId), (handoff.Offer.Kind, handoff.Status, handoff.Offer.FromAgentId, handoff.Offer.ToAgentId));
        Assert.Contains("scheduled for implementation at priority 1", handoff.Reason);

        var received = Assert.Single(await shipper.GetReceivedHandoffs());
        Assert.Equal(("green", "Make the CTA green on every checkout step"), (received.Offer.Payload["winner"], received.Offer.Payload["implementation-spec"]));
        var told = await Eventually.Until(tracker.GetSnapshot, s => s.Inbox.Any(m => m.Type == nameof(HandoffConcluded)), "the tracker to hear back");
        Assert.Contains("accepted your handoff of exp-cta", told.Inbox.Last().Summary);
        Assert.Empty(await tracker.GetExperimentQueue()); // concluded
    }

    [Fact]
    public async Task A_shipped_release_hands_its_metrics_and_feedback_to_the_tracker()
    {
        var (studio, tracker, shipper, trackerId, _) = await Setup(shipperCapacity: 3);

        await shipper.ShipRelease(new ReleaseShipped("checkout-v2", new Dictionary<string, string> { ["conversion"] = "3.4%", ["p95-ms"] = "820" },
            "Users like the single page; some miss the order summary", trackerId));

        var handoff = (await Eventually.Until(studio.Producer.GetHandoffs, h => h.Single().Status == HandoffStatus.Accepted, "the tracker to accept")).Single();
        Assert.Equal(HandoffKind.PostLaunch, handoff.Offer.Kind);
        var received = Assert.Single(await tracker.GetReceivedHandoffs());
        Assert.Equal(("3.4%", "Users like the single page; some miss the order summary"), (received.Offer.Payload["conversion"], received.Offer.Payload["user-feedback"]));
        Assert.Empty(await shipper.GetReleaseQueue());
    }

    [Fact]
    public async Task A_shipper_at_capacity_rejects_and_the_rejection_is_tracked()
    {
        var (studio, tracker, _, _, shipperId) = await Setup(shipperCapacity: 1); // its one slot holds checkout-v2

        await tracker.ConcludeExperiment(new ExperimentConclusion("exp-cta", "green", "Make the CTA green", 2, shipperId));

        var handoff = (await Eventually.Until(studio.Producer.GetHandoffs, h => h.Single().Status != HandoffStatus.Offered, "the answer")).Single();
        Assert.Equal((HandoffStatus.Rejected, "at capacity: 1 of 1 slots in use"), (handoff.Status, handoff.Reason));
        Assert.Equal(0, (await studio.GetOverviewAsync()).OpenHandoffs);
    }

    [Fact]
    public async Task The_same_handoff_offered_twice_is_tracked_once()
    {
        var (studio, _, _, trackerId, shipperId) = await Setup(shipperCapacity: 3);
        var offer = new HandoffOffer("handoff-1", HandoffKind.WinningExperiment, trackerId, shipperId, "exp-cta", "checkout", "Implement green",
            new Dictionary<string, string> { ["winner"] = "green" }, 2);

        await studio.Producer.OfferHandoff(offer);
        await studio.Producer.OfferHandoff(offer with { Payload = new Dictionary<string, string> { ["winner"] = "green" } });

        var handoff = (await Eventually.Until(studio.Producer.GetHandoffs, h => h.Single().Status == HandoffStatus.Accepted, "acceptance")).Single();
        Assert.Equal("handoff-1", handoff.Offer.HandoffId);
    }

    [Fact]
    public async Task An_accepted_experiment_holds_a_slot_until_its_release_is_planned_and_a_shipped_release_frees_one()
    {
        var (studio, tracker, shipper, trackerId, shipperId) = await Setup(shipperCapacity: 2); // one slot holds checkout-v2
        var today = fixture.Today;
        await tracker.PlanExperiment(new ExperimentPlan("exp-b", "checkout", "A shorter form converts", today, today.AddDays(14), []));
        await tracker.PlanExperiment(new ExperimentPlan("exp-c", "checkout", "Social proof converts", today, today.AddDays(14), []));
        async Task<HandoffRecord> Answer(string experimentId)
        {
            await tracker.ConcludeExperiment(new ExperimentConclusion(experimentId, "b", "Implement the winner", 2, shipperId));
            return await Eventually.Until(async () => (await studio.Producer.GetHandoffs()).Single(h => h.Offer.ItemId == experimentId),
                h => h.Status != HandoffStatus.Offered, $"the answer about {experimentId}");
        }

        Assert.Equal(HandoffStatus.Accepted, (await Answer("exp-cta")).Status);   // 2 of 2: checkout-v2 and exp-cta's implementation
        Assert.Equal("at capacity: 2 of 2 slots in use", (await Answer("exp-b")).Reason);

        // Its implementation planned as a release, exp-cta's slot moves to that release; shipping checkout-v2 frees one.
        await shipper.PlanRelease(new ReleasePlan("cta-green", "checkout", "Green CTA everywhere", today.AddDays(30), [], DependsOn: [new("exp-cta")]));
        await shipper.ShipRelease(new ReleaseShipped("checkout-v2", new Dictionary<string, string> { ["conversion"] = "3.4%" }, "Fine", trackerId));
        Assert.Equal(HandoffStatus.Accepted, (await Answer("exp-c")).Status);
    }

    [Fact]
    public async Task A_rejected_winner_stays_with_its_tracker_and_goes_to_another_shipper_and_only_to_one()
    {
        var (studio, tracker, _, trackerId, busyId) = await Setup(shipperCapacity: 1); // its one slot holds checkout-v2
        var freeId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, freeId, "Free shipper", 3);
        ExperimentConclusion To(string agentId) => new("exp-cta", "green", "Make the CTA green", 2, agentId);

        await tracker.ConcludeExperiment(To(busyId));
        var rejected = await Eventually.Until(tracker.GetWinners, w => w.Single().Status == HandoffStatus.Rejected, "the tracker to hear the rejection");
        Assert.Equal(("winner:exp-cta", "at capacity: 1 of 1 slots in use"), (rejected.Single().HandoffId, rejected.Single().Reason));

        // The winner is still the tracker's: it offers it to another shipper, which takes it.
        var again = await tracker.ConcludeExperiment(To(freeId));
        Assert.Equal(("winner:exp-cta:2", freeId), (again.Offer.HandoffId, again.Offer.ToAgentId));
        var placed = await Eventually.Until(tracker.GetWinners, w => w.Single().Status == HandoffStatus.Accepted, "the second shipper to accept");
        Assert.Equal(2, placed.Single().Offers);

        // Accepted once: neither the tracker nor anyone else can hand the same winner to a third agent.
        var refused = await Assert.ThrowsAsync<Orchestration.Grains.Interfaces.Common.InvalidRequestException>(() => tracker.ConcludeExperiment(To(busyId)));
        Assert.Equal("conclusion.experimentId", refused.Field);
        var direct = await Assert.ThrowsAsync<Orchestration.Grains.Interfaces.Common.InvalidRequestException>(() => studio.Producer.OfferHandoff(new HandoffOffer(
            "winner:exp-cta:again", HandoffKind.WinningExperiment, trackerId, busyId, "exp-cta", "checkout", "Implement green", new Dictionary<string, string> { ["winner"] = "green" }, 2)));
        Assert.Equal("offer.itemId", direct.Field);
        Assert.Contains($"was already accepted by {freeId} (winner:exp-cta:2)", direct.Message);
        Assert.Single(await studio.Producer.GetHandoffs(), h => h.Status == HandoffStatus.Accepted);
    }

    [Fact]
    public async Task A_winner_offered_to_one_agent_is_not_offered_to_another_until_it_answers()
    {
        var studio = fixture.NewStudio();
        var (trackerId, firstId, secondId) = (Ids.New("tracker"), Ids.New("shipper"), Ids.New("shipper"));
        foreach (var (id, kind) in new[] { (trackerId, AgentKinds.ExperimentTracker), (firstId, AgentKinds.ProjectShipper), (secondId, AgentKinds.ProjectShipper) })
            await studio.RegisterExternalAgentAsync(id, kind, id, 3); // external: nobody answers on its own
        HandoffOffer Offer(string id, string to) => new(id, HandoffKind.WinningExperiment, trackerId, to, "exp-9", "checkout", "Implement blue",
            new Dictionary<string, string> { ["winner"] = "blue" }, 2);
        await studio.Producer.OfferHandoff(Offer("winner:exp-9", firstId));

        var refused = await Assert.ThrowsAsync<Orchestration.Grains.Interfaces.Common.InvalidRequestException>(() => studio.Producer.OfferHandoff(Offer("winner:exp-9:2", secondId)));
        Assert.Equal("offer.itemId", refused.Field);
        Assert.Contains($"is offered to {firstId} (winner:exp-9)", refused.Message);

        await studio.Producer.RespondToHandoff(new HandoffResponse("winner:exp-9", firstId, Accept: false, "no room"));
        Assert.Equal(HandoffStatus.Offered, (await studio.Producer.OfferHandoff(Offer("winner:exp-9:2", secondId))).Status);
    }
}
