namespace Orchestration.Grains.Interfaces.Reports;

/// <summary>Closes an open blocker or risk. Resolving an already resolved report returns it unchanged.</summary>
[GenerateSerializer, Immutable, Alias("orch.ResolveReport")]
public sealed record ResolveReport(string ReportId, string ResolvedBy, string Resolution);
