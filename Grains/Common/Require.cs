using System.Text;
using System.Text.RegularExpressions;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Grains.Common;

/// <summary>
/// Boundary checks. Each returns the value when it is acceptable and otherwise throws an
/// <see cref="InvalidRequestException"/> naming the field and the reason, before any state is touched.
/// </summary>
public static partial class Require
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    public static T Present<T>(T? value, string field) where T : class =>
        value ?? throw new InvalidRequestException(field, "is required");

    /// <summary>Whether <paramref name="value"/> passes <see cref="Id"/>: for lookups made before the operation itself
    /// validates (and names the field).</summary>
    public static bool IsId(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= Limits.MaxIdLength && IdPattern().IsMatch(value);

    public static string Id(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidRequestException(field, "is required");
        if (value.Length > Limits.MaxIdLength)
            throw new InvalidRequestException(field, $"is {value.Length} characters long; at most {Limits.MaxIdLength} are allowed");
        if (!IdPattern().IsMatch(value))
            throw new InvalidRequestException(field, $"'{value}' is not a valid id: use letters, digits and . _ : - starting with a letter or digit");
        return value;
    }

    public static string Text(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidRequestException(field, "is required");
        return OptionalText(value, field);
    }

    public static string OptionalText(string? value, string field)
    {
        value ??= "";
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > Limits.MaxTextBytes)
            throw new InvalidRequestException(field, $"is {bytes} bytes; at most {Limits.MaxTextBytes} bytes (4 KB) are allowed");
        return Printable(value, field, lineBreaks: true);
    }

    /// <summary>
    /// Refuses characters that would act rather than read once echoed into a log, a terminal or a report: control
    /// characters (ANSI escape sequences start with one), Unicode direction overrides and isolates (which reorder
    /// what a reader sees), and unpaired surrogates. Free text may hold line breaks and tabs; labels may not.
    /// </summary>
    private static string Printable(string value, string field, bool lineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (PrintableText.IsDirectionControl(c))
                throw new InvalidRequestException(field, $"contains the Unicode direction control U+{(int)c:X4} at position {i}, which would reorder what a reader sees");
            if (PrintableText.Acts(c, lineBreaks))
                throw new InvalidRequestException(field, $"contains the control character U+{(int)c:X4} at position {i}; {(lineBreaks ? "text may hold line breaks and tabs, no other control characters" : "a label is one line of printable text")}");
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])))
                throw new InvalidRequestException(field, $"contains an unpaired surrogate at position {i}: it is not valid Unicode text");
        }

        return value;
    }

    public static string Label(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidRequestException(field, "is required");
        if (value.Length > Limits.MaxLabelLength)
            throw new InvalidRequestException(field, $"is {value.Length} characters long; at most {Limits.MaxLabelLength} are allowed");
        return Printable(value, field, lineBreaks: false);
    }

    public static IReadOnlyList<string> Labels(IReadOnlyList<string>? values, string field)
    {
        if (values is null) return [];
        if (values.Count > Limits.MaxListEntries)
            throw new InvalidRequestException(field, $"has {values.Count} entries; at most {Limits.MaxListEntries} are allowed");
        for (var i = 0; i < values.Count; i++) Label(values[i], $"{field}[{i}]");
        var duplicate = values.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidRequestException(field, $"lists '{duplicate.Key}' more than once");
        return values;
    }

    public static TEnum Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new InvalidRequestException(field, $"{value} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    public static int InRange(int value, int min, int max, string field) =>
        value >= min && value <= max
            ? value
            : throw new InvalidRequestException(field, $"is {value}; it must be between {min} and {max}");

    public static double InRange(double value, double min, double max, string field) =>
        value >= min && value <= max // false for NaN
            ? value
            : throw new InvalidRequestException(field, $"is {value}; it must be between {min} and {max}");

    /// <summary>A date a plan may name (<see cref="Limits.EarliestDate"/> to <see cref="Limits.LatestDate"/>).</summary>
    public static DateOnly Date(DateOnly value, string field) =>
        value >= Limits.EarliestDate && value <= Limits.LatestDate ? value
        : throw new InvalidRequestException(field, $"is {value:yyyy-MM-dd}; dates run from {Limits.EarliestDate:yyyy-MM-dd} to {Limits.LatestDate:yyyy-MM-dd}");

    public static void Ordered(DateOnly first, DateOnly second, string field, string firstName, string secondName)
    {
        if (second < first)
            throw new InvalidRequestException(field, $"{secondName} {second:yyyy-MM-dd} is before {firstName} {first:yyyy-MM-dd}");
    }
}
