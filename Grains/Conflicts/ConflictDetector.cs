using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// A conflict the change to <see cref="TriggerId"/> creates: <see cref="ViaId"/> would be ready
/// <see cref="SlipDays"/> days after <see cref="ImpactedId"/> needs it. <see cref="Path"/> runs from the cause to the
/// impacted item, through the worst prerequisite at each step.
/// </summary>
public sealed record DetectedConflict(string TriggerId, string ViaId, string ImpactedId, IReadOnlyList<string> Path, int SlipDays)
{
    public int Depth => Path.Count - 1;
}

public static class ConflictDetector
{
    /// <summary>
    /// The late items a change to <paramref name="triggerId"/> reaches: the item itself (a new dependent declared on
    /// work that is already late is a conflict now, not at the prerequisite's next change) and everything downstream
    /// of it, each as late as its worst path over the whole graph (<see cref="GraphLateness"/>), not only the path
    /// through the change. Closest conflicts come first.
    /// </summary>
    public static IReadOnlyList<DetectedConflict> Detect(IReadOnlyDictionary<string, WorkItem> items, string triggerId)
    {
        var reached = GraphLateness.Downstream(items, triggerId);
        reached.Add(triggerId);
        return [.. GraphLateness.Of(items).Values
            .Where(late => reached.Contains(late.ItemId))
            .Select(late => new DetectedConflict(triggerId, late.ViaId, late.ItemId, late.Path, late.Days))
            .OrderBy(c => c.Depth).ThenBy(c => c.ImpactedId, StringComparer.Ordinal)];
    }
}
