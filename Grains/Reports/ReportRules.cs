using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Grains.Reports;

/// <summary>Turns a validated blocker or risk report into the record the studio tracks.</summary>
public static class ReportRules
{
    public static ReportRecord Blocker(BlockerReport? report, DateTimeOffset now)
    {
        report = Require.Present(report, "report");
        return new ReportRecord(
            Require.Id(report.ReportId, "report.reportId"),
            ReportKind.Blocker,
            Require.Id(report.AgentId, "report.agentId"),
            Require.Id(report.ProjectId, "report.projectId"),
            Require.Text(report.Summary, "report.summary"),
            Require.Text(report.Impact, "report.impact"),
            Require.Defined(report.Severity, "report.severity"),
            Require.Label(report.Owner, "report.owner"),
            now,
            Blocks: Require.Text(report.Blocks, "report.blocks"),
            Category: report.Category is null ? null : Require.Label(report.Category, "report.category").Trim().ToLowerInvariant());
    }

    public static ReportRecord Risk(RiskReport? report, DateTimeOffset now)
    {
        report = Require.Present(report, "report");
        return new ReportRecord(
            Require.Id(report.ReportId, "report.reportId"),
            ReportKind.Risk,
            Require.Id(report.AgentId, "report.agentId"),
            Require.Id(report.ProjectId, "report.projectId"),
            Require.Text(report.Summary, "report.summary"),
            Require.Text(report.Impact, "report.impact"),
            Require.Defined(report.Severity, "report.severity"),
            Require.Label(report.Owner, "report.owner"),
            now,
            Likelihood: Require.InRange(report.Likelihood, 0, 1, "report.likelihood"),
            Mitigation: Require.OptionalText(report.Mitigation, "report.mitigation"),
            Due: report.Due is { } due ? Require.Date(due, "report.due") : null);
    }

    public static ReportRecord Resolve(ReportRecord open, ResolveReport request, DateTimeOffset now) =>
        open with
        {
            Resolution = new ReportResolution(
                Require.Label(request.ResolvedBy, "request.resolvedBy"),
                Require.Text(request.Resolution, "request.resolution"),
                now),
        };

    /// <summary>True when a retried report carries the same facts as the one recorded (its time aside).</summary>
    public static bool SameReport(ReportRecord recorded, ReportRecord retried) =>
        recorded with { ReportedAt = default, Resolution = null, EscalationId = null } == retried with { ReportedAt = default };
}
