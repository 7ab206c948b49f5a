namespace Orchestration.Grains.Interfaces.Metrics;

[GenerateSerializer, Alias("orch.MetricSource")]
public enum MetricSource
{
    /// <summary>Computed from the studio's own records.</summary>
    Computed = 1,

    /// <summary>Reported from outside (analytics, surveys, finance) as samples.</summary>
    Reported = 2,
}

[GenerateSerializer, Alias("orch.MetricStanding")]
public enum MetricStanding
{
    OnTarget = 1,
    OffTarget = 2,
    Tracked = 3,
    NoData = 4,
}

[GenerateSerializer, Alias("orch.MetricTrend")]
public enum MetricTrend
{
    Up = 1,
    Down = 2,
    Flat = 3,
    NoData = 4,
}

/// <summary>A value reported from outside for a reported metric. Idempotent by <see cref="SampleId"/>.</summary>
[GenerateSerializer, Immutable, Alias("orch.MetricSample")]
public sealed record MetricSample(string SampleId, string Metric, double Value, string Source);

/// <summary>One of the seed's metrics now: its value, its target, where it stands and where it is heading.</summary>
[GenerateSerializer, Immutable, Alias("orch.MetricValue")]
public sealed record MetricValue(
    string Key, string Name, string Table, MetricSource Source, double? Value, string Unit, string Target,
    MetricStanding Standing, MetricTrend Trend, double? Previous, string Basis);

/// <summary>Every metric, as of <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("orch.MetricsReport")]
public sealed record MetricsReport(DateTimeOffset At, IReadOnlyList<MetricValue> Metrics);
