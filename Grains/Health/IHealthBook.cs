using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Metrics;
using Orchestration.Grains.Records;

namespace Orchestration.Grains.Health;

/// <summary>What the health review keeps and reads: the projects it reviews, the open blockers it diagnoses, the
/// systemic issues it flags, and the metrics it records at each review.</summary>
public interface IHealthBook : IMetricsBook
{
    OpenIndex<ReportRecord> OpenReports { get; }

    List<SystemicIssue> SystemicIssues { get; }

    DateTimeOffset? LastReviewAt { get; set; }
}
