using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Grains.Interfaces.Reports;

/// <summary>An agent is blocked and needs the Producer (seed: "Any Agent → Studio Producer, Blocker/Risk").</summary>
/// <param name="ReportId">Idempotency key: the same id reported twice is recorded once.</param>
/// <param name="AgentId">The reporting agent; it must be registered with the studio.</param>
/// <param name="ProjectId">The project the blocker is in.</param>
/// <param name="Summary">What is wrong (at most 4 KB).</param>
/// <param name="Blocks">What cannot go on until it is cleared.</param>
/// <param name="Impact">The impact assessment: who or what suffers, and how much.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Owner">Who is expected to clear it.</param>
/// <param name="Category">What kind of blocker ("requirements", "infrastructure"…): the same category across several
/// projects is a systemic issue.</param>
[GenerateSerializer, Immutable, Alias("orch.BlockerReport")]
public sealed record BlockerReport(
    string ReportId,
    string AgentId,
    string ProjectId,
    string Summary,
    string Blocks,
    string Impact,
    Severity Severity,
    string Owner,
    string? Category = null);
