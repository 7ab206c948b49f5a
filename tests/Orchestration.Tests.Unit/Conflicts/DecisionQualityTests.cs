using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using static Orchestration.Tests.Unit.Conflicts.WorkItems;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>Decisions a producer would not send back: money in the studio's currency, costs with their unit, revenue
/// at risk that is this release's share, no underpowered experiment offered, a recommendation on every held
/// decision, and wording that reads right. Numbers worked by hand in the comments.</summary>
public class DecisionQualityTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly ConflictSettings Settings = new(TimeSpan.FromHours(48), "EUR", MinimumPower: 0.5);

    [Fact]
    public void A_faster_variant_below_the_minimum_power_is_not_offered_and_the_assessment_says_why()
    {
        // E now runs days 0–42; R ships on day 19 and needs E 2 days before: a faster E must end on day 17, 17/42 of
        // its sample: power Φ(√0.405 · 2.8016 − 1.96) = Φ(−0.178) = 43 %.
        var e = Experiment("E", 0, 42);
        var r = Release("R", 0, 19, [new CustomerCommitment("Acme", 40, true)], On("E", 2));

        var strict = ImpactAssessor.Assess("conflict-1", e, r, slipDays: 25, leadDays: 2, Now, Settings, sharedBy: 1);
        var lenient = ImpactAssessor.Assess("conflict-1", e, r, slipDays: 25, leadDays: 2, Now, Settings with { MinimumPower = 0.4 }, sharedBy: 1);

        Assert.DoesNotContain(strict.Options, o => o.Kind == ResolutionKind.ShortenPrerequisite);
        Assert.Equal("shorten-prerequisite: ending E on 2026-01-22 leaves 43 % statistical power, below the studio's minimum of 50 %", Assert.Single(strict.NotOffered));
        Assert.Equal(0.43, lenient.Options.Single(o => o.Kind == ResolutionKind.ShortenPrerequisite).Impact.Confidence, 2);
        Assert.Empty(lenient.NotOffered);
    }

    [Fact]
    public void Shipping_one_of_two_releases_without_the_result_risks_its_share_of_the_revenue()
    {
        // E has 200,000 at stake and two releases need it: descoping one defers its half, 100,000; running E after
        // its launch exposes half of that half, 50,000.
        var e = Experiment("E", 0, 42);
        var r = Release("R", 0, 30, [], On("E", 2));

        var options = ImpactAssessor.Assess("conflict-1", e, r, slipDays: 14, leadDays: 2, Now, Settings, sharedBy: 2).Options.ToDictionary(o => o.Kind);

        Assert.Equal(100_000m, options[ResolutionKind.DescopeDependent].Impact.RevenueAtRisk);
        Assert.Equal(50_000m, options[ResolutionKind.ProceedAndRunAfter].Impact.RevenueAtRisk);
    }

    [Fact]
    public void Money_carries_the_studios_currency_and_costs_their_unit()
    {
        var e = Experiment("E", 0, 42);
        var r = Release("R", 0, 30, [new CustomerCommitment("Acme", 40, true)], On("E", 2));
        var options = ImpactAssessor.Assess("conflict-1", e, r, slipDays: 14, leadDays: 2, Now, Settings, sharedBy: 1).Options;

        var decided = Assert.IsType<PolicyOutcome.Decide>(DecisionPolicy.Evaluate(options, Strategy(["revenue", "customer-commitments"]), Settings));

        Assert.Contains(" of 13 points under priorities revenue > customer-commitments", decided.Rationale);
        Assert.Contains(decided.Rejected, r => r.Why.Contains("EUR 200,000 of revenue at risk", StringComparison.Ordinal));
        Assert.DoesNotContain("(s)", string.Join(" ", decided.Rejected.Select(r => r.Why)));
    }

    [Fact]
    public void A_decision_held_for_a_human_names_the_option_the_policy_recommends()
    {
        var e = Experiment("E", 0, 42);
        var r = Release("R", 0, 30, [new CustomerCommitment("Acme", 40, true)], On("E", 2));
        var options = ImpactAssessor.Assess("conflict-1", e, r, slipDays: 14, leadDays: 2, Now, Settings, sharedBy: 1).Options;

        var held = Assert.IsType<PolicyOutcome.Hold>(DecisionPolicy.Evaluate(options, Strategy(["customer-commitments"], "human-approval"), Settings));

        Assert.Equal(held.Scored[0], held.Recommended);
        Assert.Contains($"recommended: {held.Recommended.OptionId} ({held.Recommended.Summary}; cost ", held.Because);
    }

    [Fact]
    public void Wording_reads_right_for_one_day_no_customers_and_a_release_as_prerequisite()
    {
        // R2 needs release R1 live; R1 is one day late for it; R2 has no customer commitments.
        var r1 = Release("R1", 0, 31);
        var r2 = Release("R2", 0, 30, [], On("R1"));
        var options = ImpactAssessor.Assess("conflict-1", r1, r2, slipDays: 1, leadDays: 0, Now, Settings, sharedBy: 1).Options.ToDictionary(o => o.Kind);

        var delay = options[ResolutionKind.DelayDependent];
        Assert.Equal("Move R2 by 1 day to 2026-02-05, after R1 is live", delay.Summary);
        Assert.Equal("shipper-1 announces the new date of R2 with the reason; shipper-1 delivers R1 without further slip", Mitigations.For(delay, r1, r2));
        Assert.EndsWith("ship it on this date", delay.ActionItems.Single(a => a.ItemId == "R1").Instruction);
        Assert.Equal("shipper-1 plans the descoped part for the next release once R1 is live", Mitigations.For(options[ResolutionKind.DescopeDependent], r1, r2));
    }

    private static StudioStrategy Strategy(string[] priorities, params string[] constraints) => new("studio-1", 1, priorities, constraints, "why", "ceo", Now, "m-1");
}
