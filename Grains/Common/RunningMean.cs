namespace Orchestration.Grains.Common;

/// <summary>A mean over every value a studio ever saw, kept as a count and a sum: exact for the studio's whole life,
/// in constant space, where a list of the values would have to be trimmed.</summary>
[GenerateSerializer, Immutable, Alias("orch.RunningMean")]
public sealed record RunningMean(long Count = 0, double Sum = 0)
{
    public double? Mean => Count == 0 ? null : Sum / Count;

    public RunningMean Add(double value) => new(Count + 1, Sum + value);
}
