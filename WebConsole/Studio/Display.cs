using System.Globalization;
using System.Text;

namespace Orchestration.WebConsole.Studio;

/// <summary>Values as people read them: words, not enum names; money with its currency; times in UTC with the day.</summary>
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

    public static string Money(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + " USD";

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    /// <summary>0.5 → "50 %".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A metric's value in its unit: fractions as percentages (0.5 → "50 %"), days and counts as numbers.</summary>
    public static string Metric(double? value, string unit) => value is not { } v ? "no data" : unit switch
    {
        "%" or "% change" => Percent(v),
        "days" => $"{Number(v)} days",
        "currency" => Money((decimal)v),
        "score /5" => $"{Number(v)} / 5",
        "ratio" => Number(v),
        _ => $"{Number(v)} {unit}",
    };
}
