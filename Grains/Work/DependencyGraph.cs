using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Work;

/// <summary>The studio's work items as a graph: an edge runs from a prerequisite to the item that needs it.</summary>
public static class DependencyGraph
{
    /// <summary>Who needs each item, with the lead time they need it by.</summary>
    public static Dictionary<string, List<(string Dependent, int LeadDays)>> Dependents(IEnumerable<WorkItem> items)
    {
        var dependents = new Dictionary<string, List<(string, int)>>(StringComparer.Ordinal);
        foreach (var item in items)
            foreach (var dependency in item.DependsOn)
            {
                if (!dependents.TryGetValue(dependency.ItemId, out var list)) dependents[dependency.ItemId] = list = [];
                list.Add((item.ItemId, dependency.LeadDays));
            }

        return dependents;
    }

    /// <summary>
    /// The cycle that declaring <paramref name="candidate"/> would close, as the chain of item ids from the candidate
    /// back to itself; null when there is none.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, WorkItem> items, WorkItem candidate)
    {
        // A cycle through the candidate exists when one of its prerequisites (transitively) depends on it.
        IEnumerable<string> Prerequisites(string id) =>
            id == candidate.ItemId ? candidate.DependsOn.Select(d => d.ItemId)
            : items.TryGetValue(id, out var item) ? item.DependsOn.Select(d => d.ItemId)
            : [];

        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { candidate.ItemId };
        bool Visit(string id)
        {
            foreach (var prerequisite in Prerequisites(id))
            {
                path.Add(prerequisite);
                if (prerequisite == candidate.ItemId) return true;
                if (visited.Add(prerequisite) && Visit(prerequisite)) return true;
                path.RemoveAt(path.Count - 1);
            }

            return false;
        }

        return Visit(candidate.ItemId) ? path : null;
    }
}
