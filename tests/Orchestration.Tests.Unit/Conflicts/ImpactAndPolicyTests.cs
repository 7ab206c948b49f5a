using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using static Orchestration.Tests.Unit.Conflicts.WorkItems;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>
/// The seed's Workflow 2 on numbers worked out by hand: experiment E (200,000 of revenue at stake, 10,000 samples)
/// now ends on day 42; release R ships on day 30, needs E's result 2 days before, and has two commitments: Acme
/// (contractual, 40 accounts) and Beta (10 accounts, not contractual). E is 14 days late for R.
/// </summary>
public class ImpactAndPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkItem E = Experiment("E", 0, 42);
    private static readonly WorkItem R = Release("R", 0, 30, [new CustomerCommitment("Acme", 40, true), new CustomerCommitment("Beta", 10, false)], On("E", 2));

    private static Dictionary<ResolutionKind, ResolutionOption> Options() =>
        ImpactAssessor.Options("conflict-1", E, R, slipDays: 14, leadDays: 2, Now).ToDictionary(o => o.Kind);

    private static StudioStrategy Strategy(string[] priorities, params string[] constraints) =>
        new("studio-1", 1, priorities, constraints, "why", "ceo", Now, "m-1");

    [Fact]
    public void Power_follows_the_sample_fraction()
    {
        Assert.Equal(0.80, ImpactAssessor.Power(1), 3);
        Assert.Equal(0.025, ImpactAssessor.Power(0), 3);
        Assert.Equal(0.6284, ImpactAssessor.Power(28.0 / 42), 3);
    }

    [Fact]
    public void Delay_breaks_every_commitment_and_slips_the_date_by_the_slip()
    {
        var delay = Options()[ResolutionKind.DelayDependent];

        Assert.Equal(new BusinessImpact(0m, 2, 50, 1, 14, 0.8), delay.Impact);
        var move = delay.ActionItems.Single(a => a.ItemId == "R");
        Assert.Equal((ActionKind.Reschedule, "shipper-1", Day0.AddDays(14), Day0.AddDays(44)), (move.Action, move.AgentId, move.NewStart!.Value, move.NewEnd!.Value));
    }

    [Fact]
    public void Proceeding_keeps_every_commitment_and_exposes_half_the_revenue_without_evidence()
    {
        var proceed = Options()[ResolutionKind.ProceedAndRunAfter];

        Assert.Equal(new BusinessImpact(100_000m, 0, 0, 0, 0, 0.0), proceed.Impact);
        Assert.Equal((ActionKind.Descope, "E"), proceed.ActionItems.Where(a => a.ItemId == "R").Select(a => (a.Action, a.DropDependencyOn!)).Single());
        var rerun = proceed.ActionItems.Single(a => a.ItemId == "E");
        Assert.Equal((Day0.AddDays(31), Day0.AddDays(73)), (rerun.NewStart!.Value, rerun.NewEnd!.Value)); // after launch, same 42 days
    }

    [Fact]
    public void Shortening_ends_in_time_with_the_power_its_sample_allows()
    {
        var shorten = Options()[ResolutionKind.ShortenPrerequisite];

        // Ends day 28 (2 days before R): 28 of 42 days, power Φ(√(2/3)·2.8016 − 1.96) = 62.8 %, revenue at risk 200,000·(1 − 0.628/0.8).
        Assert.Equal(0.6284, shorten.Impact.Confidence, 3);
        Assert.Equal(42_900m, Math.Round(shorten.Impact.RevenueAtRisk / 100) * 100);
        Assert.Equal(Day0.AddDays(28), shorten.ActionItems.Single(a => a.ItemId == "E").NewEnd);
    }

    [Fact]
    public void Descoping_disappoints_only_the_customers_without_a_contract()
    {
        Assert.Equal(new BusinessImpact(200_000m, 1, 10, 0, 0, 1.0), Options()[ResolutionKind.DescopeDependent].Impact);
    }

    [Fact]
    public void Customer_commitments_first_releases_on_schedule()
    {
        // Weights: commitments 7, learning 4, revenue 1, speed 1. Costs: delay 8.8, proceed 4.5, shorten 1.70, descope 3.33.
        var outcome = Assert.IsType<PolicyOutcome.Decide>(DecisionPolicy.Evaluate([.. Options().Values], Strategy(["customer-commitments", "learning"])));

        Assert.Equal(ResolutionKind.ShortenPrerequisite, outcome.Chosen.Kind);
        Assert.Equal([1.70, 3.33, 4.5, 8.8], outcome.Scored.Select(o => Math.Round(o.Score, 2)));
        Assert.DoesNotContain(outcome.Chosen.ActionItems, a => a.ItemId == "R" && a.Action == ActionKind.Reschedule);
        Assert.Equal(["descope-dependent", "proceed-and-run-after", "delay-dependent"], outcome.Rejected.Select(r => r.OptionId));
        Assert.Contains("breaks 2 customer commitments (1 contractual, 50 accounts)", outcome.Rejected.Last().Why);
        Assert.StartsWith("End E on 2026-02-02 with a faster variant", outcome.Rationale);
    }

    [Fact]
    public void Learning_first_delays_when_there_is_no_time_for_a_good_faster_variant()
    {
        // R ships on day 10: 34 days late; a faster variant would end day 8 (19 % of the sample, 23 % power).
        var soon = R with { End = Day0.AddDays(10) };
        var options = ImpactAssessor.Options("conflict-1", E, soon, 34, 2, Now);

        var outcome = Assert.IsType<PolicyOutcome.Decide>(DecisionPolicy.Evaluate(options, Strategy(["learning", "revenue"])));

        Assert.Equal(ResolutionKind.DelayDependent, outcome.Chosen.Kind);
        Assert.Equal(3.4, outcome.Chosen.Score, 4);
    }

    [Fact]
    public void Options_too_close_to_call_wait_for_a_human()
    {
        // Learning first with a month of runway: delay 3.40 against shorten 3.46, under 5 % of the total weight 13.
        var outcome = Assert.IsType<PolicyOutcome.Hold>(DecisionPolicy.Evaluate([.. Options().Values], Strategy(["learning", "revenue"])));
        Assert.StartsWith("too close to call: delay-dependent costs 3.4 and shorten-prerequisite 3.46", outcome.Because);
    }

    [Fact]
    public void A_strategy_that_asks_for_human_approval_holds_every_decision()
    {
        var outcome = Assert.IsType<PolicyOutcome.Hold>(DecisionPolicy.Evaluate([.. Options().Values],
            Strategy(["customer-commitments"], "Human-approval for conflict decisions")));
        Assert.Contains("requires a human decision", outcome.Because);
        Assert.Equal(4, outcome.Scored.Count);
    }

    [Fact]
    public void An_experiment_waiting_for_a_release_can_only_wait()
    {
        var release = Release("R", 0, 40);
        var experiment = Experiment("X", 35, 60, dependsOn: On("R"));

        var options = ImpactAssessor.Options("conflict-2", release, experiment, 5, 0, Now);

        var only = Assert.Single(options);
        Assert.Equal(ResolutionKind.DelayDependent, only.Kind);
        Assert.IsType<PolicyOutcome.Decide>(DecisionPolicy.Evaluate(options, null));
    }
}
