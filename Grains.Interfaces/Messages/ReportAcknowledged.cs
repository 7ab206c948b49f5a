using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Grains.Interfaces.Messages;

/// <summary>The Producer has recorded the agent's blocker or risk.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReportAcknowledged")]
public sealed record ReportAcknowledged(
    string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary,
    string ReportId, ReportKind Kind)
    : InboxMessage(MessageId, StudioId, AgentId, SentAt, Summary)
{
    /// <summary>Derived from the report id, so a re-sent acknowledgement is recognised as the same message.</summary>
    public static string MessageIdFor(string reportId) => $"ack:{reportId}";
}
