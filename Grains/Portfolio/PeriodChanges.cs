using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;

namespace Orchestration.Grains.Portfolio;

/// <summary>What moved within a briefing's period, from the journal's events of that period.</summary>
public static class PeriodChanges
{
    /// <summary>
    /// Every status change of the period, in order; a report that repeats the status before it is not a change. The
    /// status a project had when the period began is the last one its history holds for an earlier week, else green
    /// (a project is declared green).
    /// </summary>
    public static IReadOnlyList<StatusChange> StatusChanges(IEnumerable<ProjectStatusReported> reports, IReadOnlyDictionary<string, Project> projects, DateTimeOffset since)
    {
        var sinceWeek = ProjectRules.IsoWeek(since);
        var last = new Dictionary<string, ProjectStatus?>(StringComparer.Ordinal);
        var changes = new List<StatusChange>();
        foreach (var report in reports.Where(r => r.At >= since).OrderBy(r => r.Sequence))
        {
            var project = projects.GetValueOrDefault(report.ProjectId);
            if (!last.TryGetValue(report.ProjectId, out var before))
                before = project?.History.LastOrDefault(h => string.CompareOrdinal(h.Week, sinceWeek) < 0)?.Status ?? ProjectStatus.Green;
            last[report.ProjectId] = report.Status;
            if (before != report.Status)
                changes.Add(new StatusChange(report.ProjectId, project?.Name ?? report.ProjectId, before, report.Status, report.Reason, report.AgentId, report.At));
        }

        return changes;
    }
}
