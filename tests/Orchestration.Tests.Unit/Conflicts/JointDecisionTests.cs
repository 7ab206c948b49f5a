using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using static Orchestration.Tests.Unit.Conflicts.WorkItems;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>The cases a producer wrote that decisions taken one at a time got wrong on the graph: worked by hand.</summary>
public class JointDecisionTests : ConflictBook
{
    private Conflict On(string item) => State.Conflicts.Values.Concat(State.RecentlyClosed).Last(c => c.ImpactedItemId == item);

    [Fact]
    public void Three_releases_on_one_experiment_get_one_shortened_test_that_keeps_every_date()
    {
        // Customers first, then revenue. E (USD 300,000 at stake) slips from day 38 to day 54. R1 ships day 50 and R2
        // day 45, each promised to 10 accounts (not contractually); R3 ships day 48, promised to no one.
        Strategy(["customer-commitments", "revenue"]);
        foreach (var item in new[]
                 {
                     Experiment("E", 0, 38, revenue: 300_000m), Release("R1", 0, 50, [new("C1", 10, false)], WorkItems.On("E")),
                     Release("R2", 0, 45, [new("C2", 10, false)], WorkItems.On("E")), Release("R3", 0, 48, [], WorkItems.On("E")),
                 })
            Run(w => w.Declare(item, "planned"));

        Run(w => w.Declare(Experiment("E", 0, 54, revenue: 300_000m), "needs more traffic"));

        // One at a time, R1 (first in plan order) would end E on day 50, in time for itself only; R2 would then be 5
        // days late with E's dates fixed, and delayed (breaking its promise: 7.79 points), R3 delayed 2 days: 9.05 points.
        // Ending E on day 45, when R2 needs it, keeps every date: 45 of 54 days is power 72 %, USD 28,155 at risk,
        // charged to R2 (1.4 points); R1 and R3 ship on the weaker result (0.28 each). 1.95 points in all.
        var r2 = On("R2");
        Assert.Equal((ConflictStatus.Decided, ResolutionKind.ShortenPrerequisite), (r2.Status, r2.Decision!.Chosen));
        Assert.Equal(Day0.AddDays(45), r2.Decision.ActionItems.Single(a => a.ItemId == "E").NewEnd);
        Assert.Contains("the cheapest, 1.95 of 39 points under priorities customer-commitments > revenue", r2.Decision.Rationale);
        Assert.Contains("Deciding them one at a time, closest first, would cost 9.05 points: R1 shorten-prerequisite; R2 delay-dependent (5 days); R3 delay-dependent (2 days).",
            r2.Decision.Rationale);
        foreach (var kept in new[] { "R1", "R3" })
        {
            Assert.Equal(ConflictStatus.Superseded, On(kept).Status);
            Assert.EndsWith($"which keeps {kept} on time: R1 kept on time; R2 shorten-prerequisite; R3 kept on time", On(kept).SupersededBecause);
        }
    }

    [Fact]
    public void A_diamond_is_as_late_as_its_worst_path_and_a_held_decision_approved_leaves_nothing_late()
    {
        // R (Acme's contract) needs E two days ahead, and X, which needs E too. E slips from day 20 to day 40: X is 12
        // days late; R is 12 days late through E directly and 10 through X. Decisions wait for a human.
        Strategy(["customer-commitments"], "human-approval");
        foreach (var item in new[]
                 {
                     Experiment("E", 0, 20), Release("X", 0, 28, [], WorkItems.On("E")),
                     Release("R", 0, 30, [new("Acme", 40, true)], WorkItems.On("E", 2), WorkItems.On("X")),
                 })
            Run(w => w.Declare(item, "planned"));
        Run(w => w.Declare(Experiment("E", 0, 40), "slips"));
        Assert.Equal((12, "E"), (On("R").SlipDays, On("R").ViaItemId));

        // X's path shrinks (X now ships day 36: 4 days late, and still ready on day 40 for R). R stays 12 days late
        // through E, the worst path, not the 10 of the path that changed last.
        var changes = Run(w => w.Declare(Release("X", 0, 36, [], WorkItems.On("E")), "more room for X"), T0.AddHours(1));
        Assert.Equal((4, "E"), (On("X").SlipDays, On("X").ViaItemId));
        Assert.Equal((12, "E", ConflictStatus.PendingDecision), (On("R").SlipDays, On("R").ViaItemId, On("R").Status));
        Assert.All(changes.Events.OfType<ConflictReassessed>().Where(e => e.ConflictId == On("R").ConflictId), e => Assert.Equal(12, e.SlipDays));

        // The producer approves the recommendation: one plan for both. Once the agents apply it, nothing is late.
        var held = On("R");
        Run(w => w.Approve(new ApproveDecision(held.ConflictId, held.RecommendedOptionId!, "producer", "as recommended")), T0.AddHours(2));
        foreach (var conflict in State.Conflicts.Values.Where(c => c.Status == ConflictStatus.Decided).ToList())
        {
            foreach (var action in conflict.Decision!.ActionItems)
                Run(w => w.Declare(PlanInForce.Apply(State.WorkItems[action.ItemId], action), $"applying {action.ActionItemId}"), T0.AddHours(3));
            foreach (var agent in conflict.Agents)
                Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, conflict.Decision.DecisionId, agent)), T0.AddHours(3));
        }

        Assert.Empty(State.Conflicts);
        Assert.Empty(GraphLateness.LateEdges(State.WorkItems));
        Assert.Equal(ConflictStatus.Resolved, On("R").Status);
    }

    [Fact]
    public void A_slip_that_reaches_a_release_through_two_paths_is_one_conflict_until_both_are_fixed()
    {
        // R needs E1 (slipping to day 40: 10 days late) and E2 (day 36: 6 days late). One conflict, via E1, 10 days.
        // Shortening E1 alone would leave R late through E2, so it is not a way out: the policy cannot "resolve" R
        // and leave it late. Delaying R by 10 days covers both paths.
        Strategy(["customer-commitments"]);
        foreach (var item in new[] { Experiment("E1", 0, 20), Experiment("E2", 0, 20), Release("R", 0, 30, [new("Acme", 40, true)], WorkItems.On("E1"), WorkItems.On("E2")) })
            Run(w => w.Declare(item, "planned"));
        Run(w => w.Declare(Experiment("E2", 0, 36), "slips"));
        Run(w => w.Declare(Experiment("E1", 0, 40), "slips more"));

        var r = Assert.Single(State.Conflicts.Values);
        Assert.Equal((10, "E1"), (r.SlipDays, r.ViaItemId));
        Assert.Equal(ResolutionKind.DelayDependent, r.Decision!.Chosen);
        Assert.DoesNotContain(r.Options, o => o.Kind is ResolutionKind.ShortenPrerequisite or ResolutionKind.DescopeDependent);
        Assert.Equal(Day0.AddDays(40), r.Decision.ActionItems.Single(a => a.ItemId == "R").NewEnd);
    }
}
