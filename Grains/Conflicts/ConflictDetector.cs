using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// A conflict the change to <see cref="TriggerId"/> creates: <see cref="ViaId"/> would be ready
/// <see cref="SlipDays"/> days after <see cref="ImpactedId"/> needs it. <see cref="Path"/> runs trigger → impacted.
/// </summary>
public sealed record DetectedConflict(string TriggerId, string ViaId, string ImpactedId, IReadOnlyList<string> Path, int SlipDays)
{
    public int Depth => Path.Count - 1;
}

public static class ConflictDetector
{
    /// <summary>
    /// Propagates a changed item's dates along the graph, whichever end of a dependency changed: the changed item is
    /// first checked against its own prerequisites (a new dependent declared on work that is already late is a
    /// conflict now, not at the prerequisite's next change), then every item downstream of it is projected to move by
    /// as much as its latest prerequisite forces it to, and each item that would have to move is one conflict. In a
    /// diamond the item meets the slip once, through its worst prerequisite. Closest conflicts come first.
    /// </summary>
    public static IReadOnlyList<DetectedConflict> Detect(IReadOnlyDictionary<string, WorkItem> items, string triggerId)
    {
        var conflicts = new List<DetectedConflict>();
        var shift = new Dictionary<string, int>(StringComparer.Ordinal);
        var paths = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        // The changed item against its prerequisites as they stand (they did not move, so no shift).
        var (ownLate, ownVia) = Worst(items, items[triggerId], prerequisite => items.ContainsKey(prerequisite) ? 0 : null);
        shift[triggerId] = Math.Max(0, ownLate);
        paths[triggerId] = ownLate > 0 ? [ownVia!, triggerId] : [triggerId];
        if (ownLate > 0) conflicts.Add(new DetectedConflict(triggerId, ownVia!, triggerId, paths[triggerId], ownLate));

        var dependents = DependencyGraph.Dependents(items.Values);
        var downstream = Downstream(dependents, triggerId);
        foreach (var id in TopologicalOrder(items, downstream))
        {
            var (worst, via) = Worst(items, items[id], prerequisite => shift.TryGetValue(prerequisite, out var moved) ? moved : null);
            shift[id] = Math.Max(0, worst);
            paths[id] = [.. paths[via!], id];
            if (worst > 0) conflicts.Add(new DetectedConflict(triggerId, via!, id, paths[id], worst));
        }

        return [.. conflicts.OrderBy(c => c.Depth).ThenBy(c => c.ImpactedId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// How many days late <paramref name="item"/>'s latest prerequisite would be (negative: slack), through which
    /// prerequisite, counting only prerequisites <paramref name="shiftOf"/> knows (with the days each has moved).
    /// </summary>
    private static (int Late, string? Via) Worst(IReadOnlyDictionary<string, WorkItem> items, WorkItem item, Func<string, int?> shiftOf)
    {
        string? via = null;
        var worst = int.MinValue;
        foreach (var dependency in item.DependsOn)
        {
            if (shiftOf(dependency.ItemId) is not { } moved) continue;
            var prerequisite = items[dependency.ItemId];
            var late = prerequisite.ReadyAt.AddDays(moved + dependency.LeadDays).DayNumber - item.NeededBy.DayNumber;
            if (late > worst || (late == worst && string.CompareOrdinal(dependency.ItemId, via) < 0))
                (worst, via) = (late, dependency.ItemId);
        }

        return (worst, via);
    }

    private static HashSet<string> Downstream(Dictionary<string, List<(string Dependent, int LeadDays)>> dependents, string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var id))
            foreach (var (dependent, _) in dependents.GetValueOrDefault(id) ?? [])
                if (seen.Add(dependent)) stack.Push(dependent);
        return seen;
    }

    /// <summary>The downstream items, each after all of its downstream prerequisites (the graph has no cycles).</summary>
    private static List<string> TopologicalOrder(IReadOnlyDictionary<string, WorkItem> items, HashSet<string> downstream)
    {
        var pending = downstream.ToDictionary(
            id => id,
            id => items[id].DependsOn.Count(d => downstream.Contains(d.ItemId)),
            StringComparer.Ordinal);
        var ready = new SortedSet<string>(pending.Where(p => p.Value == 0).Select(p => p.Key), StringComparer.Ordinal);
        var order = new List<string>();
        while (ready.Count > 0)
        {
            var id = ready.Min!;
            ready.Remove(id);
            order.Add(id);
            foreach (var next in downstream.Where(d => items[d].DependsOn.Any(x => x.ItemId == id)))
                if (--pending[next] == 0) ready.Add(next);
        }

        return order;
    }
}
