using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Messages;

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

    /// <summary>Records leaving the Producer's indexes (resolved, settled, applied), to keep in their record grains.</summary>
    [Id(3)] public List<Filing> Filings { get; set; } = [];

    public bool IsEmpty => Events.Count == 0 && Messages.Count == 0 && Broadcasts.Count == 0 && Filings.Count == 0;

    /// <summary>Queues what one operation produced, behind anything still undelivered, so order is kept.</summary>
    public void Add(StudioChanges changes, string? traceParent)
    {
        Events.AddRange(changes.Events);
        Messages.AddRange(changes.Messages.Select(m => m with { TraceParent = traceParent }));
        Broadcasts.AddRange(changes.Broadcasts);
        Filings.AddRange(changes.Filings);
    }

    /// <summary>A record filed under <paramref name="id"/> and not yet delivered, if any.</summary>
    public T? Filed<T>(string id) where T : class => Filings.LastOrDefault(f => f.Id == id && f.Record is T)?.Record as T;

    /// <summary>How much the outbox holds now: a write that stores it this way lets exactly this much be delivered.</summary>
    public OutboxMark Mark() => new(Events.Count, Messages.Count, Broadcasts.Count, Filings.Count);

    /// <summary>The first entries of each list, up to <paramref name="mark"/>: what may be delivered.</summary>
    public PendingDelivery Take(OutboxMark mark) => new()
    {
        Events = Events[..mark.Events], Messages = Messages[..mark.Messages],
        Broadcasts = Broadcasts[..mark.Broadcasts], Filings = Filings[..mark.Filings],
    };

    /// <summary>Removes the delivered entries, which are the first of each list.</summary>
    public void RemoveFirst(OutboxMark mark)
    {
        Events.RemoveRange(0, mark.Events);
        Messages.RemoveRange(0, mark.Messages);
        Broadcasts.RemoveRange(0, mark.Broadcasts);
        Filings.RemoveRange(0, mark.Filings);
    }
}

/// <summary>A position in the outbox: how many entries of each list.</summary>
public readonly record struct OutboxMark(int Events, int Messages, int Broadcasts, int Filings)
{
    public bool IsEmpty => this == default;

    public static OutboxMark operator -(OutboxMark a, OutboxMark b) =>
        new(a.Events - b.Events, a.Messages - b.Messages, a.Broadcasts - b.Broadcasts, a.Filings - b.Filings);

    public static OutboxMark operator +(OutboxMark a, OutboxMark b) =>
        new(a.Events + b.Events, a.Messages + b.Messages, a.Broadcasts + b.Broadcasts, a.Filings + b.Filings);
}
