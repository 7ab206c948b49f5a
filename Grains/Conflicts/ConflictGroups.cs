using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>A conflict to plan for: its id and how late its item is, through which prerequisite, from which cause.</summary>
public sealed record PlannedConflict(string ConflictId, LateItem Late);

/// <summary>
/// Which conflicts are decided together, and the problem a group poses. Conflicts belong together when one's decision
/// changes what another faces: they share a cause, one's item waits for the other's (a chain, a diamond), or their
/// items wait for the same prerequisite (a fan). Each group becomes one <see cref="PlanProblem"/>.
/// </summary>
public static class ConflictGroups
{
    public static List<List<PlannedConflict>> Of(IReadOnlyList<PlannedConflict> conflicts, IReadOnlyDictionary<string, WorkItem> graph)
    {
        var parent = Enumerable.Range(0, conflicts.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        void Union(int a, int b) => parent[Find(a)] = Find(b);

        var byItem = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        void Touch(string id, int i)
        {
            if (!byItem.TryGetValue(id, out var list)) byItem[id] = list = [];
            list.Add(i);
        }

        for (var i = 0; i < conflicts.Count; i++)
        {
            Touch(conflicts[i].Late.CauseId, i);
            Touch(conflicts[i].Late.ViaId, i);
            Touch(conflicts[i].Late.ItemId, i);
        }

        for (var j = 0; j < conflicts.Count; j++)
        {
            foreach (var i in byItem[conflicts[j].Late.CauseId]) Union(i, j);
            foreach (var dependency in graph.TryGetValue(conflicts[j].Late.ItemId, out var item) ? item.DependsOn : [])
                foreach (var i in byItem.GetValueOrDefault(dependency.ItemId) ?? []) Union(i, j);
        }

        return [.. Enumerable.Range(0, conflicts.Count).GroupBy(Find).Select(g => g.Select(i => conflicts[i]).ToList())];
    }

    /// <summary>
    /// The problem one group poses on <paramref name="graph"/> (the graph as the decisions in force leave it): its
    /// conflicts in dependency order of their items, each with the scales of its own options as the policy would weigh
    /// them alone, and what may not move.
    /// </summary>
    public static PlanProblem Problem(
        IReadOnlyList<PlannedConflict> group, IReadOnlyDictionary<string, WorkItem> graph, IReadOnlySet<string> frozen,
        StudioStrategy? strategy, ConflictSettings settings, DateTimeOffset now)
    {
        var position = GraphLateness.TopologicalOrder(graph).Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var sharedBy = graph.Values.SelectMany(i => i.DependsOn.Select(d => d.ItemId)).GroupBy(id => id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var conflicts = group
            .OrderBy(c => position[c.Late.ItemId]).ThenBy(c => c.ConflictId.Length).ThenBy(c => c.ConflictId, StringComparer.Ordinal)
            .Select(c =>
            {
                var impacted = graph[c.Late.ItemId];
                var lead = impacted.DependsOn.First(d => d.ItemId == c.Late.ViaId).LeadDays;
                var options = ImpactAssessor.Assess(c.ConflictId, graph[c.Late.ViaId], impacted, c.Late.Days, lead, now, settings, sharedBy.GetValueOrDefault(c.Late.ViaId, 1)).Options;
                return new PlanConflict(c.ConflictId, c.Late.ViaId, c.Late.ItemId, lead, DecisionPolicy.Scale(options.Select(o => o.Impact)));
            })
            .ToList();
        return new PlanProblem(graph, conflicts, frozen, sharedBy, DecisionPolicy.Weigh(strategy), settings.MinimumPower);
    }
}
