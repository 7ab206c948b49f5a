using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Producer;

/// <summary>
/// What one operation has to publish once its state is written: studio events (numbered from the state's sequence)
/// and inbox messages. The domain fills it; the grain persists, then sends.
/// </summary>
public sealed class StudioChanges(ProducerState state, string studioId, DateTimeOffset now)
{
    public string StudioId { get; } = studioId;

    public DateTimeOffset Now { get; } = now;

    public List<StudioEvent> Events { get; } = [];

    public List<InboxMessage> Messages { get; } = [];

    public bool Any => Events.Count > 0 || Messages.Count > 0;

    public void Event(Func<long, StudioEvent> create) => Events.Add(create(++state.EventSequence));

    public void Send(InboxMessage message) => Messages.Add(message);
}
