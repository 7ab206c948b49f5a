using Orchestration.Grains.Metrics;

namespace Orchestration.Tests.Unit.Portfolio;

/// <summary>Each formula of docs/METRICS.md on numbers worked out by hand.</summary>
public class MetricFormulaTests
{
    [Fact]
    public void A_share_is_part_over_whole_and_nothing_over_nothing_is_no_data()
    {
        Assert.Equal(0.75, MetricFormulas.Share(3, 4));
        Assert.Null(MetricFormulas.Share(0, 0));
    }

    [Fact]
    public void Evenness_is_the_coefficient_of_variation_of_utilisation()
    {
        // Loads 0.5, 1.0, 1.5: mean 1.0, population standard deviation √((0.25 + 0 + 0.25) / 3) = 0.4082.
        Assert.Equal(0.4082, MetricFormulas.CoefficientOfVariation([0.5, 1.0, 1.5])!.Value, 4);
        Assert.Equal(0, MetricFormulas.CoefficientOfVariation([0.6, 0.6]));
        Assert.Equal(0, MetricFormulas.CoefficientOfVariation([0, 0]));
        Assert.Null(MetricFormulas.CoefficientOfVariation([]));
    }

    [Theory]
    [InlineData(5, 10, 50, true)]   // half done, half the time gone
    [InlineData(4, 10, 50, true)]   // 40 % done at 50 %: within the 10-point tolerance
    [InlineData(3, 10, 50, false)]  // 30 % done at 50 %: behind
    [InlineData(0, 0, 5, true)]     // nothing linked yet, 5 % of the time gone
    [InlineData(0, 0, 50, false)]
    public void An_initiative_is_on_track_while_its_work_keeps_up_with_its_time(int done, int items, int dayOfHundred, bool onTrack)
    {
        var start = new DateOnly(2026, 1, 1);
        Assert.Equal(onTrack, MetricFormulas.InitiativeOnTrack(done, items, start, start.AddDays(100), start.AddDays(dayOfHundred)));
    }

    [Fact]
    public void Velocity_change_compares_the_last_two_weeks_with_the_two_before()
    {
        var today = new DateOnly(2026, 3, 1);
        Dictionary<DateOnly, int> PerDay(IEnumerable<int> daysAgo) => daysAgo.GroupBy(d => today.AddDays(-d)).ToDictionary(g => g.Key, g => g.Count());
        int[] completions = [0, 2, 3, 10, 13, 14, 16, 20, 22, 27, 28];

        // The last 14 days (today and 13 before) hold 0, 2, 3, 10 and 13 (5); the 14 before hold 14 … 27 (5); 28 is out.
        Assert.Equal(0.0, MetricFormulas.VelocityChange(PerDay(completions), today));
        Assert.Equal(-0.4, MetricFormulas.VelocityChange(PerDay(completions.Skip(2)), today)!.Value, 10); // 3 against 5
        Assert.Null(MetricFormulas.VelocityChange(PerDay(completions.Take(5)), today)); // nothing in the weeks before
        Assert.Equal(1.0, MetricFormulas.VelocityChange(new Dictionary<DateOnly, int> { [today] = 4, [today.AddDays(-20)] = 2 }, today)); // counts, not days
    }

    [Fact]
    public void A_mean_of_nothing_is_no_data() => Assert.Null(MetricFormulas.Mean([]));
}
