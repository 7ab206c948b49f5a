namespace Orchestration.Grains.Metrics;

/// <summary>A reported metric over the studio's whole life: how many samples, and the latest two (value and trend).</summary>
[GenerateSerializer, Immutable, Alias("orch.MetricSeries")]
public sealed record MetricSeries(long Count = 0, MetricSampleRecord? Latest = null, MetricSampleRecord? Previous = null)
{
    public MetricSeries Add(MetricSampleRecord sample) => new(Count + 1, sample, Latest);
}
