using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Journal;

/// <summary>
/// How the journal is cut into segment grains: segment <c>n</c> of a studio (key <c>{studio}/{n}</c>) holds the
/// events numbered <c>n·Size + 1</c> to <c>(n + 1)·Size</c>. A write touches one small segment whatever the studio's
/// age, and a reader finds any sequence number without an index.
/// </summary>
public static class JournalSegments
{
    /// <summary>Events per segment: small enough that a segment's write stays a few kilobytes, large enough that a
    /// page of a thousand events is a handful of reads.</summary>
    public const int Size = 64;

    public static long IndexOf(long sequence) => (sequence - 1) / Size;

    public static long FirstOf(long index) => index * Size + 1;

    public static long LastOf(long index) => (index + 1) * Size;

    public static string Key(string studioId, long index) => $"{studioId}/{index}";

    public static (string StudioId, long Index) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash > 0 && long.TryParse(key.AsSpan(slash + 1), out var index) && index >= 0
            ? (key[..slash], index)
            : throw new ArgumentException($"'{key}' is not a journal segment key ({{studio}}/{{index}})", nameof(key));
    }

    /// <summary>Consecutive events cut where a segment ends, in order.</summary>
    public static IEnumerable<(long Index, List<StudioEvent> Events)> Split(IEnumerable<StudioEvent> events) =>
        events.GroupBy(e => IndexOf(e.Sequence)).OrderBy(g => g.Key).Select(g => (g.Key, g.OrderBy(e => e.Sequence).ToList()));

    /// <summary>
    /// The events of <paramref name="incoming"/> that <paramref name="stored"/> lacks, checked to continue it without
    /// a gap: a retried delivery re-sends events already stored, and those are skipped, never stored twice.
    /// </summary>
    public static List<StudioEvent> NewEvents(long index, IReadOnlyList<StudioEvent> stored, IEnumerable<StudioEvent> incoming)
    {
        var next = stored.Count > 0 ? stored[^1].Sequence + 1 : FirstOf(index);
        var fresh = new List<StudioEvent>();
        foreach (var e in incoming.OrderBy(e => e.Sequence))
        {
            if (IndexOf(e.Sequence) != index)
                throw new InvalidOperationException($"event #{e.Sequence} does not belong in journal segment {index}");
            if (e.Sequence < next) continue;
            if (e.Sequence != next)
                throw new InvalidOperationException($"journal segment {index} expects event #{next} next, not #{e.Sequence}: events are journaled in order");
            fresh.Add(e);
            next++;
        }

        return fresh;
    }
}
