using System.Globalization;
using System.Text;
using Orchestration.Grains.Interfaces.Metrics;

namespace Orchestration.Grains.Interfaces.Briefings;

/// <summary>
/// Values as people read them, the same in every surface (CLI tables, the console, Markdown briefings, notifications,
/// simulation reports): words, not enum names; fractions as percentages; money with its currency; times in UTC with
/// the day. JSON keeps the raw value and its unit (a metric in "fraction" is 0.5 for 50 %).
/// </summary>
public static class Display
{
    /// <summary><c>PendingDecision</c> → "pending decision".</summary>
    public static string Words<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) words.Append(' ');
            words.Append(char.ToLowerInvariant(name[i]));
        }

        return words.ToString();
    }

    public static string Money(decimal amount, string currency = "USD") => amount.ToString("#,0", CultureInfo.InvariantCulture) + " " + currency;

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    /// <summary>0.5 → "50 %".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A metric's value in its unit: fractions as percentages (0.5 → "50 %"), days and counts as numbers.</summary>
    public static string Metric(double? value, string unit) => value is not { } v ? "no data" : unit switch
    {
        "fraction" => Percent(v),
        "fraction change" => (v > 0 ? "+" : "") + Percent(v),
        "days" => $"{Number(v)} days",
        "currency" => Money((decimal)v),
        "score /5" => $"{Number(v)} / 5",
        "ratio" => Number(v),
        _ => $"{Number(v)} {unit}",
    };

    /// <summary>Where a metric stands, in words: "tracked" metrics have no numeric target.</summary>
    public static string Standing(MetricStanding standing) => standing switch
    {
        MetricStanding.Tracked => "tracked (no numeric target)",
        _ => Words(standing),
    };
}
