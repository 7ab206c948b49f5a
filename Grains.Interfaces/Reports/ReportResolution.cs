namespace Orchestration.Grains.Interfaces.Reports;

/// <summary>How a blocker or risk was closed, by whom and when.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReportResolution")]
public sealed record ReportResolution(string ResolvedBy, string Resolution, DateTimeOffset ResolvedAt);
