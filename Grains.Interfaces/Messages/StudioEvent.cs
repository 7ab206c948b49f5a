using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Interfaces.Messages;

/// <summary>
/// A state change of the studio, published on its event stream after it is persisted: the source for metrics,
/// reports, dashboards and external subscribers. <see cref="Sequence"/> increases by one per event.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.StudioEvent")]
public abstract record StudioEvent(string StudioId, long Sequence, DateTimeOffset At, string Summary)
{
    public string EventId => $"{StudioId}#{Sequence}";

    /// <summary>The silo's seal on the event stream (see <see cref="InboxMessage.Seal"/>); the journal is the record and
    /// holds events unsealed, since only the silo writes it.</summary>
    [Id(100)]
    public string? Seal { get; init; }
}

[GenerateSerializer, Immutable, Alias("orch.AgentJoined")]
public sealed record AgentJoined(string StudioId, long Sequence, DateTimeOffset At, string Summary, AgentProfile Agent)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.ReportRaised")]
public sealed record ReportRaised(string StudioId, long Sequence, DateTimeOffset At, string Summary, ReportRecord Report)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.ReportResolved")]
public sealed record ReportResolved(string StudioId, long Sequence, DateTimeOffset At, string Summary, ReportRecord Report)
    : StudioEvent(StudioId, Sequence, At, Summary);

[GenerateSerializer, Immutable, Alias("orch.StrategyPublished")]
public sealed record StrategyPublished(string StudioId, long Sequence, DateTimeOffset At, string Summary, StudioStrategy Strategy)
    : StudioEvent(StudioId, Sequence, At, Summary);
