namespace Orchestration.Grains.Interfaces.Reports;

/// <summary>The Producer's acknowledgement, returned only after the report is persisted.</summary>
/// <param name="WasDuplicate">True when this report id was already recorded: nothing changed.</param>
[GenerateSerializer, Immutable, Alias("orch.ReportReceipt")]
public sealed record ReportReceipt(string ReportId, ReportKind Kind, DateTimeOffset AcknowledgedAt, bool WasDuplicate);
