namespace Orchestration.Grains.Strategy;

/// <summary>
/// Orders work by the studio's priorities. An item's rank is the position of the first priority that names its
/// project or one of its tags; items no priority names come last. Ties keep a stable, meaningful order (the caller's
/// tie-breaker, then the id), so every agent that applies the same strategy gets the same queue.
/// </summary>
public static class PriorityRanking
{
    public static int RankOf(IReadOnlyList<string> priorities, string projectId, IEnumerable<string> tags)
    {
        for (var i = 0; i < priorities.Count; i++)
        {
            var priority = priorities[i];
            if (string.Equals(priority, projectId, StringComparison.OrdinalIgnoreCase)
                || tags.Contains(priority, StringComparer.OrdinalIgnoreCase))
                return i;
        }

        return priorities.Count;
    }

    public static List<T> Order<T, TTie>(
        IEnumerable<T> items,
        IReadOnlyList<string> priorities,
        Func<T, string> projectId,
        Func<T, IEnumerable<string>> tags,
        Func<T, TTie> tieBreaker,
        Func<T, string> id)
        => items
            .OrderBy(item => RankOf(priorities, projectId(item), tags(item)))
            .ThenBy(tieBreaker)
            .ThenBy(id, StringComparer.Ordinal)
            .ToList();
}
