using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Grains.Interfaces.Messages;

/// <summary>A blocker or risk the agent reported has been resolved.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReportClosed")]
public sealed record ReportClosed(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    string ReportId, ReportKind Kind, ReportResolution Resolution)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary)
{
    /// <summary>Derived from the report id, so a re-sent closure is recognised as the same message.</summary>
    public static string MessageIdFor(string reportId) => $"closed:{reportId}";
}
