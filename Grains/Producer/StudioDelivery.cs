using Orchestration.Grains.Health;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Handoffs;
using Orchestration.Grains.Journal;
using Orchestration.Grains.Reports;
using Orleans.Streams;

namespace Orchestration.Grains.Producer;

/// <summary>
/// How the Producer's stored changes leave it: first into the studio's journal (the history) and the records' own
/// grains, then onto the streams (the notification). The Producer never calls an agent: agents hear from it only on streams.
/// </summary>
internal sealed class StudioDelivery(IGrainFactory grains, IStreamProvider streams, string studioId)
{
    private readonly IAsyncStream<StudioEvent> _events = streams.GetStream<StudioEvent>(StudioStreams.Events(studioId));
    private readonly IAsyncStream<StrategyBroadcast> _strategy = streams.GetStream<StrategyBroadcast>(StudioStreams.Strategy(studioId));

    /// <summary>Delivers everything pending, in order. Throws if any step fails; a repeat is harmless.</summary>
    public async Task Deliver(PendingDelivery pending)
    {
        foreach (var (index, events) in JournalSegments.Split(pending.Events))
            await grains.GetGrain<IJournalSegmentGrain>(JournalSegments.Key(studioId, index)).Append(events);

        await Task.WhenAll(
            pending.Reports.Select(r => grains.GetGrain<IReportRecordGrain>(RecordGrains.Key(studioId, r.ReportId)).Keep(r))
                .Concat(pending.Escalations.SelectMany(e => EscalationRecordGrain.KeysOf(studioId, e).Select(key => grains.GetGrain<IEscalationRecordGrain>(key).Keep(e))))
                .Concat(pending.Handoffs.Select(h => grains.GetGrain<IHandoffRecordGrain>(RecordGrains.Key(studioId, h.Offer.HandoffId)).Keep(h)))
                .Concat(pending.Issues.Select(i => grains.GetGrain<IIssueRecordGrain>(RecordGrains.Key(studioId, $"issue:{i.IssueId}")).Keep(i))));

        foreach (var studioEvent in pending.Events) await _events.OnNextAsync(studioEvent);

        // Each agent's messages in order; different agents' inboxes are different streams, sent side by side.
        await Task.WhenAll(pending.Messages.GroupBy(m => m.AgentId, StringComparer.Ordinal).Select(async inbox =>
        {
            foreach (var message in inbox) await Send(message);
        }));

        foreach (var broadcast in pending.Broadcasts) await Broadcast(broadcast);
    }

    public Task Send(InboxMessage message) =>
        streams.GetStream<InboxMessage>(StudioStreams.Inbox(message.AgentId)).OnNextAsync(message);

    public Task Broadcast(StrategyBroadcast broadcast) => _strategy.OnNextAsync(broadcast);
}
