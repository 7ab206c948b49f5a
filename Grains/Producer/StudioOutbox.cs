using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orleans.Streams;

namespace Orchestration.Grains.Producer;

/// <summary>The only way the Producer speaks to agents and observers: the studio's streams, never a grain call.</summary>
internal sealed class StudioOutbox(IStreamProvider streams, string studioId)
{
    private readonly IAsyncStream<StudioEvent> _events = streams.GetStream<StudioEvent>(StudioStreams.Events(studioId));
    private readonly IAsyncStream<StrategyBroadcast> _strategy = streams.GetStream<StrategyBroadcast>(StudioStreams.Strategy(studioId));

    public Task Publish(StudioEvent studioEvent) => _events.OnNextAsync(studioEvent);

    public Task Broadcast(StrategyBroadcast broadcast) => _strategy.OnNextAsync(broadcast);

    public Task Send(InboxMessage message) =>
        streams.GetStream<InboxMessage>(StudioStreams.Inbox(message.AgentId)).OnNextAsync(message);
}
