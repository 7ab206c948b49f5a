using System.Globalization;

namespace Orchestration.Grains.Records;

/// <summary>One open record as it is now, or its removal (<see cref="Record"/> null): what a page of an
/// <see cref="OpenIndex{T}"/> is told.</summary>
[GenerateSerializer, Immutable, Alias("orch.OpenEntry")]
public sealed record OpenEntry([property: Id(0)] string Id, [property: Id(1)] object? Record);

/// <summary>The ids of the pages open records are kept in (key <c>{studio}/open:{book}:{n}</c>).</summary>
public static class OpenPage
{
    private const string Prefix = "open:";

    public static string Id(string book, int number) => $"{Prefix}{book}:{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The book a page id belongs to, or null if it is not an open page's id.</summary>
    public static string? BookOf(string pageId) =>
        pageId.StartsWith(Prefix, StringComparison.Ordinal) && pageId.LastIndexOf(':') is var colon && colon > Prefix.Length
            ? pageId[Prefix.Length..colon] : null;

    /// <summary>Applies changes in order to a page's records (a record as it is now, or its removal); returns whether
    /// anything changed, so a repeated delivery writes nothing.</summary>
    public static bool Apply(Dictionary<string, object> records, IEnumerable<OpenEntry> entries)
    {
        var changed = false;
        foreach (var entry in entries)
        {
            if (entry.Record is null) changed |= records.Remove(entry.Id);
            else if (!records.TryGetValue(entry.Id, out var kept) || !Equals(kept, entry.Record))
            {
                records[entry.Id] = entry.Record;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>A page's number within its book, or null if it is not an open page's id.</summary>
    public static int? NumberOf(string pageId) =>
        BookOf(pageId) is not null && int.TryParse(pageId.AsSpan(pageId.LastIndexOf(':') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number : null;
}
