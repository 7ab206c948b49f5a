using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Grains.Interfaces.Reports;

/// <summary>A blocker or risk as the studio tracks it, from report to resolution.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReportRecord")]
public sealed record ReportRecord(
    string ReportId,
    ReportKind Kind,
    string AgentId,
    string ProjectId,
    string Summary,
    string Impact,
    Severity Severity,
    string Owner,
    DateTimeOffset ReportedAt,
    string? Blocks = null,
    double? Likelihood = null,
    string? Mitigation = null,
    ReportResolution? Resolution = null,
    string? Category = null,
    DateOnly? Due = null,
    string? EscalationId = null)
{
    public bool IsOpen => Resolution is null;
}
