using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Journal;

/// <summary>The event kinds a journal query can filter on: the type names of every <see cref="StudioEvent"/>.</summary>
public static class JournalKinds
{
    public static readonly IReadOnlySet<string> All = typeof(StudioEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(StudioEvent)) && !t.IsAbstract)
        .Select(t => t.Name)
        .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> Validate(IReadOnlyList<string>? kinds, string field)
    {
        if (kinds is null || kinds.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        if (kinds.Count > Limits.MaxListEntries)
            throw new InvalidRequestException(field, $"has {kinds.Count} entries; at most {Limits.MaxListEntries} are allowed");
        for (var i = 0; i < kinds.Count; i++)
            if (!All.Contains(kinds[i] ?? ""))
                throw new InvalidRequestException($"{field}[{i}]", $"'{kinds[i]}' is not an event kind; kinds: {string.Join(", ", All.Order(StringComparer.Ordinal))}");
        return kinds.ToHashSet(StringComparer.Ordinal);
    }
}
