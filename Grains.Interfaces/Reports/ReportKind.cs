namespace Orchestration.Grains.Interfaces.Reports;

[GenerateSerializer, Alias("orch.ReportKind")]
public enum ReportKind
{
    Blocker = 1,
    Risk = 2,
}
