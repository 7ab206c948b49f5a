using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// An item the graph makes late: it would have to move <see cref="Days"/> days for what it needs, and its worst
/// prerequisite is <see cref="ViaId"/>. <see cref="Path"/> runs from the cause (an item that is not late itself) through
/// the worst prerequisite at each step to the item.
/// </summary>
public sealed record LateItem(string ItemId, int Days, string ViaId, IReadOnlyList<string> Path)
{
    /// <summary>Where the lateness comes from: the first item of the worst path, on time itself.</summary>
    public string CauseId => Path[0];
}

/// <summary>A dependency whose prerequisite, as planned, is ready <see cref="Days"/> days after its dependent needs it.</summary>
public sealed record LateEdge(string PrerequisiteId, string DependentId, int Days);

/// <summary>
/// Lateness over the whole graph, whatever changed last: each item is projected to move by as much as its latest
/// prerequisite forces it to, <c>shift(i) = max(0, max over p of ready(p) + shift(p) + lead − need(i))</c>, so an item
/// met by a slip through several paths (a diamond) is as late as its worst path, and a chain carries the slip on.
/// Prerequisites that left the graph (finished work) are satisfied. Ties go to the prerequisite with the smaller id,
/// so the same graph always gives the same answer.
/// </summary>
public static class GraphLateness
{
    public static IReadOnlyDictionary<string, LateItem> Of(IReadOnlyDictionary<string, WorkItem> graph)
    {
        var shift = new Dictionary<string, int>(graph.Count, StringComparer.Ordinal);
        var late = new Dictionary<string, LateItem>(StringComparer.Ordinal);
        foreach (var id in TopologicalOrder(graph))
        {
            var item = graph[id];
            var (worst, via) = (0, (string?)null);
            foreach (var dependency in item.DependsOn)
            {
                if (!graph.TryGetValue(dependency.ItemId, out var prerequisite)) continue;
                var days = prerequisite.ReadyAt.AddDays(shift[dependency.ItemId] + dependency.LeadDays).DayNumber - item.NeededBy.DayNumber;
                if (days > worst || (days == worst && days > 0 && string.CompareOrdinal(dependency.ItemId, via) < 0))
                    (worst, via) = (days, dependency.ItemId);
            }

            shift[id] = worst;
            if (via is null) continue;
            IReadOnlyList<string> path = late.TryGetValue(via, out var upstream) ? [.. upstream.Path, id] : [via, id];
            late[id] = new LateItem(id, worst, via, path);
        }

        return late;
    }

    /// <summary>Every dependency whose prerequisite, at its planned dates (nothing projected), is late for its dependent.</summary>
    public static IEnumerable<LateEdge> LateEdges(IReadOnlyDictionary<string, WorkItem> graph) =>
        from item in graph.Values
        from dependency in item.DependsOn
        where graph.ContainsKey(dependency.ItemId)
        let days = graph[dependency.ItemId].ReadyAt.AddDays(dependency.LeadDays).DayNumber - item.NeededBy.DayNumber
        where days > 0
        select new LateEdge(dependency.ItemId, item.ItemId, days);

    /// <summary>Every item after all of its prerequisites (the graph has no cycles); ties in id order.</summary>
    public static List<string> TopologicalOrder(IReadOnlyDictionary<string, WorkItem> graph)
    {
        var pending = new Dictionary<string, int>(graph.Count, StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in graph.Values)
        {
            pending[item.ItemId] = 0;
            foreach (var dependency in item.DependsOn.Where(d => graph.ContainsKey(d.ItemId)))
            {
                pending[item.ItemId]++;
                if (!dependents.TryGetValue(dependency.ItemId, out var list)) dependents[dependency.ItemId] = list = [];
                list.Add(item.ItemId);
            }
        }

        var ready = new SortedSet<string>(pending.Where(p => p.Value == 0).Select(p => p.Key), StringComparer.Ordinal);
        var order = new List<string>(graph.Count);
        while (ready.Min is { } id)
        {
            ready.Remove(id);
            order.Add(id);
            foreach (var next in dependents.GetValueOrDefault(id) ?? [])
                if (--pending[next] == 0) ready.Add(next);
        }

        return order;
    }

    /// <summary>The items downstream of <paramref name="from"/> (not itself).</summary>
    public static HashSet<string> Downstream(IReadOnlyDictionary<string, WorkItem> graph, string from)
    {
        var dependents = graph.Values.SelectMany(i => i.DependsOn.Select(d => (d.ItemId, Dependent: i.ItemId)))
            .ToLookup(x => x.ItemId, x => x.Dependent, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var id))
            foreach (var dependent in dependents[id])
                if (seen.Add(dependent)) stack.Push(dependent);
        return seen;
    }
}
