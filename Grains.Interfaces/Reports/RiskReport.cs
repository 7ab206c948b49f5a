using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Grains.Interfaces.Reports;

/// <summary>An agent sees a risk that may need coordination.</summary>
/// <param name="Likelihood">Probability that it happens, from 0 to 1.</param>
/// <param name="Mitigation">What is planned against it; may be empty when nothing is yet.</param>
/// <param name="Due">When the mitigation is due (the risk register's due date).</param>
[GenerateSerializer, Immutable, Alias("orch.RiskReport")]
public sealed record RiskReport(
    string ReportId,
    string AgentId,
    string ProjectId,
    string Summary,
    string Impact,
    Severity Severity,
    string Owner,
    double Likelihood,
    string Mitigation,
    DateOnly? Due = null);
