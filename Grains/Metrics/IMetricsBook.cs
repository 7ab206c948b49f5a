using Orchestration.Grains.Common;
using Orchestration.Grains.Handoffs;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Metrics;

/// <summary>The records every metric of the seed is computed from (read only), and the history of computed metrics
/// that trends compare against.</summary>
public interface IMetricsBook
{
    /// <summary>Computed metrics kept for trends: one per health review.</summary>
    const int MetricHistoryKept = 60;

    Dictionary<string, AgentProfile> Agents { get; }

    Dictionary<string, WorkItem> WorkItems { get; }

    /// <summary>The completed items still in the active graph, by item id.</summary>
    Dictionary<string, CompletedWork> Completed { get; }

    /// <summary>Every completion, counted per quarter and per recent day.</summary>
    CompletionTally Completions { get; }

    /// <summary>Days from each conflict to its first decision, over the studio's whole life.</summary>
    RunningMean DecisionVelocityDays { get; }

    /// <summary>How every handoff the studio settled ended.</summary>
    HandoffTally HandoffOutcomes { get; }

    /// <summary>Days from report to resolution of every risk resolved.</summary>
    RunningMean RiskResolutionDays { get; }

    long BlockersEscalated { get; }

    /// <summary>Issues agents cleared themselves, over the studio's whole life.</summary>
    long SelfResolvedCount { get; }

    Dictionary<string, Project> Projects { get; }

    Dictionary<string, Objective> Objectives { get; }

    Dictionary<string, Initiative> Initiatives { get; }

    /// <summary>Every reported metric's series, by metric key.</summary>
    Dictionary<string, MetricSeries> ReportedMetrics { get; }

    List<MetricsReport> MetricHistory { get; }
}

/// <summary>A reported metric sample as stored: when it arrived.</summary>
[GenerateSerializer, Immutable, Alias("orch.MetricSampleRecord")]
public sealed record MetricSampleRecord(MetricSample Sample, DateTimeOffset At);
