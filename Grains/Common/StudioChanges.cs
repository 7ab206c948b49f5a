using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Common;

/// <summary>
/// What one operation has to deliver once its state is written: studio events (numbered from the state's sequence),
/// inbox messages and strategy broadcasts. The domain fills it; the grain stores it with the state, then delivers.
/// </summary>
public sealed class StudioChanges(IEventSequence sequence, string studioId, DateTimeOffset now)
{
    public string StudioId { get; } = studioId;

    public DateTimeOffset Now { get; } = now;

    public List<StudioEvent> Events { get; } = [];

    public List<InboxMessage> Messages { get; } = [];

    public List<StrategyBroadcast> Broadcasts { get; } = [];

    /// <summary>Records that left an index (resolved, settled, applied), to keep in their record grains.</summary>
    public List<Filing> Filings { get; } = [];

    public void File(string id, object record) => Filings.Add(new Filing(id, record));

    public bool Any => Events.Count > 0 || Messages.Count > 0 || Broadcasts.Count > 0 || Filings.Count > 0;

    public void Event(Func<long, StudioEvent> create) => Events.Add(create(++sequence.EventSequence));

    public void Send(InboxMessage message) => Messages.Add(message);
}
