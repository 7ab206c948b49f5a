using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Grains.Health;

/// <summary>Open blockers of one category in several projects: a systemic issue, not a project's own.</summary>
public static class SystemicIssues
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(IEnumerable<ReportRecord> openBlockers, int projectThreshold) =>
        openBlockers
            .Where(r => r.Kind == ReportKind.Blocker && !string.IsNullOrWhiteSpace(r.Category))
            .GroupBy(r => r.Category!.Trim().ToLowerInvariant())
            .Select(g => (Category: g.Key, Projects: (IReadOnlyList<string>)[.. g.Select(r => r.ProjectId).Distinct().Order(StringComparer.Ordinal)]))
            .Where(x => x.Projects.Count >= projectThreshold)
            .ToDictionary(x => x.Category, x => x.Projects);
}
