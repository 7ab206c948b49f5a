using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Work;

/// <summary>
/// What the work graph keeps: work not yet completed, and completed work something active still names. Finished work
/// that nothing names leaves the graph (its completion is filed in its own grain and counted in the metrics), so the
/// graph — and every detection that walks it — is the size of the studio's active work, not of its history.
/// </summary>
public static class ActiveGraph
{
    /// <summary>
    /// The completed items nothing active names: no unfinished item depends on them, no active conflict runs through
    /// them (its items are needed to decide and to apply it), and no initiative counts them.
    /// </summary>
    public static List<string> Finished(
        IReadOnlyDictionary<string, WorkItem> items,
        IReadOnlyDictionary<string, CompletedWork> completed,
        IEnumerable<IReadOnlyList<string>> activeConflictPaths,
        IEnumerable<string> initiativeItems)
    {
        if (completed.Count == 0) return [];
        var named = new HashSet<string>(initiativeItems, StringComparer.Ordinal);
        foreach (var path in activeConflictPaths) named.UnionWith(path);
        foreach (var item in items.Values.Where(i => !completed.ContainsKey(i.ItemId)))
            named.UnionWith(item.DependsOn.Select(d => d.ItemId));
        return [.. completed.Keys.Where(id => !named.Contains(id)).Order(StringComparer.Ordinal)];
    }
}
