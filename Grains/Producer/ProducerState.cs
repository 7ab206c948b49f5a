using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Producer;

/// <summary>
/// The studio's indexes: its agents, its open blockers and risks, the strategies it published. Resolved reports and
/// old strategies are kept in bounded logs; their full history goes out on the event stream.
/// </summary>
[GenerateSerializer, Alias("orch.ProducerState")]
public sealed class ProducerState
{
    public const int ResolvedReportsKept = 1_000;
    public const int StrategiesKept = 100;
    public const int ClosedConflictsKept = 1_000;
    public const int SettledHandoffsKept = 1_000;

    [Id(0)] public Dictionary<string, AgentProfile> Agents { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, ReportRecord> OpenReports { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The most recently resolved reports, oldest first; also what makes a late retry of one a no-op.</summary>
    [Id(2)] public List<ReportRecord> ResolvedReports { get; set; } = [];

    /// <summary>Published strategies, oldest first; the last one is in force.</summary>
    [Id(3)] public List<StudioStrategy> Strategies { get; set; } = [];

    /// <summary>Sequence number of the last event published on the studio's event stream.</summary>
    [Id(4)] public long EventSequence { get; set; }

    /// <summary>Every work item agents declared, by id: the studio's dependency graph.</summary>
    [Id(5)] public Dictionary<string, WorkItem> WorkItems { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Conflicts by id: all active ones, and the most recently closed.</summary>
    [Id(6)] public Dictionary<string, Conflict> Conflicts { get; set; } = new(StringComparer.Ordinal);

    [Id(7)] public long ConflictSequence { get; set; }

    [Id(8)] public long DecisionSequence { get; set; }

    /// <summary>Handoffs by id: all open ones, and the most recently settled.</summary>
    [Id(9)] public Dictionary<string, HandoffRecord> Handoffs { get; set; } = new(StringComparer.Ordinal);

    public StudioStrategy? CurrentStrategy => Strategies.Count > 0 ? Strategies[^1] : null;

    public ReportRecord? FindReport(string reportId) =>
        OpenReports.GetValueOrDefault(reportId) ?? ResolvedReports.LastOrDefault(r => r.ReportId == reportId);
}
