using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Okrs;

namespace Orchestration.Tests.Unit.Portfolio;

public class OkrRulesTests
{
    private static readonly Objective Growth = new("okr-1", "2026-Q4", "Grow conversion",
    [
        new KeyResult("conversion", "Checkout conversion", 2.0, 3.0, 2.5, "%"),      // half way
        new KeyResult("churn", "Monthly churn", 5.0, 4.0, 3.5, "%"),                  // lower is better: past the target
        new KeyResult("nps", "NPS", 30, 50, 25, "points"),                            // went the wrong way
    ]);

    [Fact]
    public void Progress_runs_from_baseline_to_target_either_way_and_is_clamped()
    {
        Assert.Equal([0.5, 1.0, 0.0], Growth.KeyResults.Select(OkrRules.Progress));
        Assert.Equal(0.5, OkrRules.Score(Growth));
    }

    [Fact]
    public void A_key_result_whose_target_equals_its_baseline_measures_nothing_and_is_refused()
    {
        var refused = Assert.Throws<InvalidRequestException>(() => OkrRules.Validate(Growth with
        {
            KeyResults = [new KeyResult("flat", "Flat", 3, 3, 3, "%")],
        }));
        Assert.Equal(("objective.keyResults[0].target", "equals the baseline (3): a key result must measure a change"), (refused.Field, refused.Reason));
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("Q4")]
    public void A_quarter_must_look_like_one(string quarter) =>
        Assert.Equal("objective.quarter", Assert.Throws<InvalidRequestException>(() => OkrRules.Validate(Growth with { Quarter = quarter })).Field);

    [Fact]
    public void A_mid_quarter_adjustment_moves_targets_and_keeps_a_note_of_who_and_why()
    {
        var adjusted = OkrRules.Adjust(Growth, new ObjectiveAdjustment("okr-1", new Dictionary<string, double> { ["conversion"] = 2.5 }, "the market shrank", "ceo"),
            new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(1.0, OkrRules.Progress(adjusted.KeyResults[0]));
        Assert.Equal("2026-11-15 by ceo: conversion → 2.5 (the market shrank)", Assert.Single(adjusted.Adjustments!));
        Assert.Equal("adjustment.newTargets[nps]", Assert.Throws<InvalidRequestException>(() =>
            OkrRules.Adjust(Growth, new ObjectiveAdjustment("okr-1", new Dictionary<string, double> { ["nps"] = 30 }, "why", "ceo"), DateTimeOffset.UnixEpoch)).Field);
    }

    [Theory]
    [InlineData(2026, 1, "2026-Q1")]
    [InlineData(2026, 3, "2026-Q1")]
    [InlineData(2026, 4, "2026-Q2")]
    [InlineData(2026, 12, "2026-Q4")]
    public void Quarters_follow_the_calendar(int year, int month, string quarter) =>
        Assert.Equal(quarter, OkrRules.QuarterOf(new DateTimeOffset(year, month, 15, 0, 0, 0, TimeSpan.Zero)));
}
