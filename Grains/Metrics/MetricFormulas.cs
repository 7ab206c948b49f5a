namespace Orchestration.Grains.Metrics;

/// <summary>
/// The formulas, on plain numbers, so each can be checked by hand (docs/METRICS.md). Each returns null when there is
/// nothing to measure yet: "no data" is not 0 %.
/// </summary>
public static class MetricFormulas
{
    public static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static double? Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? null : values.Average();

    /// <summary>Standard deviation over mean (population): 0 is perfectly even. Null with no agents; 0 when nobody has work.</summary>
    public static double? CoefficientOfVariation(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return null;
        var mean = values.Average();
        if (mean == 0) return 0;
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean))) / mean;
    }

    /// <summary>An initiative is on track when the share of its work done keeps up with the share of its time gone, within 10 points.</summary>
    public static bool InitiativeOnTrack(int itemsDone, int items, DateOnly start, DateOnly end, DateOnly today)
    {
        var elapsed = end <= start ? 1.0 : Math.Clamp((double)(today.DayNumber - start.DayNumber) / (end.DayNumber - start.DayNumber), 0, 1);
        var done = items == 0 ? 0 : (double)itemsDone / items;
        return done >= elapsed - 0.1;
    }

    /// <summary>Velocity change: items completed in the last <paramref name="weeks"/> weeks (today included) against
    /// the <paramref name="weeks"/> before, from completions counted per day.</summary>
    public static double? VelocityChange(IReadOnlyDictionary<DateOnly, int> completedPerDay, DateOnly today, int weeks = 2)
    {
        var days = 7 * weeks;
        int Between(int fromDaysAgo, int toDaysAgo) =>
            completedPerDay.Where(d => today.DayNumber - d.Key.DayNumber >= toDaysAgo && today.DayNumber - d.Key.DayNumber < fromDaysAgo).Sum(d => d.Value);
        var recent = Between(days, 0);
        var before = Between(2 * days, days);
        return before == 0 ? null : (double)(recent - before) / before;
    }
}
