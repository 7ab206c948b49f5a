using System.Globalization;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Portfolio;

public static class ProjectRules
{
    /// <summary>Recent status report ids, for retries without a lookup; each is also filed in its own grain.</summary>
    public const int ProcessedReportsKept = 25;
    public const int WeeksKept = 104;

    public static Project Declare(ProjectDeclaration? declaration, Project? existing, IReadOnlyDictionary<string, AgentProfile> agents,
        IReadOnlyDictionary<string, Initiative> initiatives, DateTimeOffset now)
    {
        declaration = Require.Present(declaration, "project");
        var id = Require.Id(declaration.ProjectId, "project.projectId");
        var name = Require.Label(declaration.Name, "project.name");
        var owners = Require.Labels(declaration.OwnerAgentIds, "project.ownerAgentIds");
        if (owners.Count == 0) throw new InvalidRequestException("project.ownerAgentIds", "a project needs at least one owning agent");
        for (var i = 0; i < owners.Count; i++)
            if (!agents.ContainsKey(owners[i]))
                throw new InvalidRequestException($"project.ownerAgentIds[{i}]", $"agent '{owners[i]}' is not registered with the studio");
        var milestones = declaration.Milestones ?? [];
        if (milestones.Count > Limits.MaxListEntries)
            throw new InvalidRequestException("project.milestones", $"has {milestones.Count} entries; at most {Limits.MaxListEntries} are allowed");
        for (var i = 0; i < milestones.Count; i++)
        {
            var milestone = Require.Present(milestones[i], $"project.milestones[{i}]");
            Require.Label(milestone.Name, $"project.milestones[{i}].name");
            Require.Date(milestone.Due, $"project.milestones[{i}].due");
        }
        Require.Labels([.. milestones.Select(m => m.Name)], "project.milestones");
        if (declaration.InitiativeId is { } initiative && !initiatives.ContainsKey(initiative))
            throw new InvalidRequestException("project.initiativeId", $"no initiative '{initiative}' in the studio");

        return existing is null
            ? new Project(id, name, [.. owners], [.. milestones], declaration.InitiativeId, ProjectStatus.Green, "declared", [], ReviewCadence.Weekly,
                null, 0, null, [], [])
            : existing with { Name = name, OwnerAgentIds = [.. owners], Milestones = [.. milestones], InitiativeId = declaration.InitiativeId };
    }

    /// <summary>Applies an owner's status report; the week's entry in the history keeps the last status of that week.</summary>
    public static Project Report(Project project, StatusReport? report, DateTimeOffset now)
    {
        report = Require.Present(report, "report");
        Require.Id(report.ReportId, "report.reportId");
        Require.Defined(report.Status, "report.status");
        var reason = Require.Text(report.Reason, "report.reason");
        if (!project.OwnerAgentIds.Contains(report.AgentId))
            throw new InvalidRequestException("report.agentId", $"agent '{report.AgentId}' does not own project '{project.ProjectId}'");

        var week = IsoWeek(now);
        var history = project.History.Where(h => h.Week != week).Append(new WeeklyStatus(week, report.Status, reason)).TakeLast(WeeksKept).ToList();
        return project with
        {
            Status = report.Status,
            StatusReason = reason,
            History = history,
            ProcessedReportIds = [.. project.ProcessedReportIds.Append(report.ReportId).TakeLast(ProcessedReportsKept)],
        };
    }

    /// <summary>"2026-W48": the ISO 8601 week of an instant, in UTC.</summary>
    public static string IsoWeek(DateTimeOffset at)
    {
        var day = at.UtcDateTime;
        return $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}";
    }

    /// <summary>The status of the last week recorded before <paramref name="now"/>'s week, if any: what the trend compares with.</summary>
    public static ProjectStatus? LastWeek(Project project, DateTimeOffset now) =>
        project.History.LastOrDefault(h => string.CompareOrdinal(h.Week, IsoWeek(now)) < 0)?.Status;

    /// <summary>
    /// Project ids that open reports and unfinished work name but no one declared, sorted. Agents may report before a
    /// producer has declared their project (the studio accepts it, so no report is lost); the overview counts these and
    /// the health review names them until they are declared.
    /// </summary>
    public static IReadOnlyList<string> Undeclared(IReadOnlyDictionary<string, Project> projects, IEnumerable<ReportRecord> openReports,
        IEnumerable<WorkItem> workItems, IReadOnlyDictionary<string, CompletedWork> completed) =>
        [.. openReports.Select(r => r.ProjectId).Concat(workItems.Where(i => !completed.ContainsKey(i.ItemId)).Select(i => i.ProjectId))
            .Where(id => !projects.ContainsKey(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
