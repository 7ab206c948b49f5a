using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Grains.Producer;

/// <summary>
/// The Producer's outbox: what stored operations produced and has not yet been delivered — events (to the journal,
/// then the event stream), records leaving the Producer's indexes (to their own grains), inbox messages and strategy
/// broadcasts. It is written with the operation's own state, so
/// a crash between that write and the delivery repeats the delivery on the next activation: the journal skips the
/// events it has, and receivers skip message ids and strategy versions they have. Nothing is lost or doubled.
/// </summary>
[GenerateSerializer, Alias("orch.PendingDelivery")]
public sealed class PendingDelivery
{
    [Id(0)] public List<StudioEvent> Events { get; set; } = [];

    [Id(1)] public List<InboxMessage> Messages { get; set; } = [];

    [Id(2)] public List<StrategyBroadcast> Broadcasts { get; set; } = [];

    /// <summary>Resolved reports to file in their own grains (<c>{studio}/{reportId}</c>).</summary>
    [Id(3)] public List<ReportRecord> Reports { get; set; } = [];

    /// <summary>Resolved escalations to file in their own grains.</summary>
    [Id(4)] public List<Escalation> Escalations { get; set; } = [];

    /// <summary>Settled handoffs to file in their own grains.</summary>
    [Id(5)] public List<HandoffRecord> Handoffs { get; set; } = [];

    /// <summary>Issues agents cleared themselves, to file in their own grains (<c>{studio}/issue:{issueId}</c>).</summary>
    [Id(6)] public List<ResolvedIssue> Issues { get; set; } = [];

    public bool IsEmpty => Events.Count == 0 && Messages.Count == 0 && Broadcasts.Count == 0 && Reports.Count == 0
        && Escalations.Count == 0 && Handoffs.Count == 0 && Issues.Count == 0;

    /// <summary>Queues what one operation produced, behind anything still undelivered, so order is kept.</summary>
    public void Add(StudioChanges changes, string? traceParent)
    {
        Events.AddRange(changes.Events);
        Messages.AddRange(changes.Messages.Select(m => m with { TraceParent = traceParent }));
        Broadcasts.AddRange(changes.Broadcasts);
        Reports.AddRange(changes.Reports);
        Escalations.AddRange(changes.Escalations);
        Handoffs.AddRange(changes.Handoffs);
        Issues.AddRange(changes.Issues);
    }

    public void Clear()
    {
        Events.Clear();
        Messages.Clear();
        Broadcasts.Clear();
        Reports.Clear();
        Escalations.Clear();
        Handoffs.Clear();
        Issues.Clear();
    }
}
