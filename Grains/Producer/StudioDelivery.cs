using Orchestration.Grains.Agents;
using Orchestration.Grains.Common;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Feeds;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Journal;
using Orchestration.Grains.Records;
using Orchestration.Grains.Telemetry;
using Orleans.Streams;

namespace Orchestration.Grains.Producer;

/// <summary>
/// How the Producer's stored changes leave it: first into the studio's journal (the history), record pages and inbox
/// batches, then onto the streams (the notification) — external agents' messages into their durable inbox feeds,
/// which they long-poll. The Producer never calls an agent: agents hear from it on streams and feeds.
/// </summary>
/// <param name="keepsInbox">Whether an agent's messages go to its durable inbox feed rather than its inbox stream:
/// external agents', which may be disconnected when a message is sent (hosted agents keep their own).</param>
/// <param name="seal">Seals what goes on a stream, so receivers can tell it came from a silo.</param>
internal sealed class StudioDelivery(IGrainFactory grains, IStreamProvider streams, string studioId, Func<string, bool> keepsInbox, StreamSeal seal)
{
    private readonly IAsyncStream<StudioEvent> _events = streams.GetStream<StudioEvent>(StudioStreams.Events(studioId));
    private readonly IAsyncStream<StrategyBroadcast> _strategy = streams.GetStream<StrategyBroadcast>(StudioStreams.Strategy(studioId));

    /// <summary>Whether a filing is a closed record, filed in a <see cref="RecordPage"/> (not an agent's registration,
    /// which goes to the agent directory, nor an SLA timer's start or stop).</summary>
    public static bool GoesInPages(Filing filing) => filing.Record is not (AgentProfile or SlaTimerWatch or OpenEntry);

    /// <summary>
    /// Delivers everything pending, in order: its closed records in <paramref name="pages"/> (numbered by the record
    /// index) and its external agents' messages in one <see cref="InboxBatch"/> numbered <paramref name="nextBatch"/>,
    /// both stored before anything goes out; hosted agents' messages go out now, external agents' once fed
    /// (<see cref="Feed"/>). Returns the batch it stored, if there were messages for one. Throws if any step fails; a
    /// repeat is harmless, and stores the same pages and batch again.
    /// </summary>
    public async Task<(long Number, List<InboxMessage> Messages)?> Deliver(PendingDelivery pending, IReadOnlyList<(long Page, RecordPage Records)> pages, long nextBatch)
    {
        // Asked once, before any await: each message goes to a feed or straight out, never both, never neither.
        List<InboxMessage> toFeeds = [], hosted = [];
        foreach (var message in pending.Messages) (keepsInbox(message.AgentId) ? toFeeds : hosted).Add(message);

        // Everything that is stored before anything goes out, side by side: the journal's segments (a reader stops at
        // the first segment that is not full, so a later segment written first is never read past a gap), and the
        // records, inbox batch, SLA timers and open pages.
        await Task.WhenAll(
            OrchestrationTelemetry.Step("journal", () => Task.WhenAll(JournalSegments.Split(pending.Events)
                .Select(s => grains.GetGrain<IJournalSegmentGrain>(JournalSegments.Key(studioId, s.Index)).Append(s.Events)))),
            OrchestrationTelemetry.Step("stores", () => Store(pending, pages, nextBatch, toFeeds)));

        // In batches, in order: one queue message each on a persistent stream provider, not one per event.
        await OrchestrationTelemetry.Step("events", async () =>
        {
            foreach (var batch in StreamBatches.Split(pending.Events.Select(seal.SealedAndSized), e => e.Size))
                await _events.OnNextBatchAsync([.. batch.Select(e => e.Item)]);
        });

        // Hosted agents keep their own inbox.
        await OrchestrationTelemetry.Step("hosted", () => Send(hosted));

        if (pending.Broadcasts.Count > 0)
            await OrchestrationTelemetry.Step("broadcast", async () =>
            {
                await grains.GetGrain<IFeedWriter<StrategyBroadcast>>(FeedKeys.Strategy(studioId)).Append(pending.Broadcasts);
                foreach (var broadcast in pending.Broadcasts) await Broadcast(broadcast);
            });
        return toFeeds.Count > 0 ? (nextBatch, toFeeds) : null;
    }

    /// <summary>Registrations in order (a later one replaces an earlier one of the same agent); then side by side:
    /// closed records a page per storage write, the external agents' messages a batch, SLA timers each at its last
    /// filing, open records' changes a write per page.</summary>
    private async Task Store(PendingDelivery pending, IReadOnlyList<(long Page, RecordPage Records)> pages, long nextBatch, List<InboxMessage> toFeeds)
    {
        foreach (var filing in pending.Filings.Where(f => f.Record is AgentProfile)) await Keep(filing);
        var stores = pages.Select(p => grains.GetGrain<IRecordGrain<RecordPage>>(RecordPage.Key(studioId, p.Page)).Keep(p.Records)).ToList();
        if (toFeeds.Count > 0) stores.Add(grains.GetGrain<IRecordGrain<InboxBatch>>(InboxBatch.Key(studioId, nextBatch)).Keep(new InboxBatch(toFeeds)));
        stores.AddRange(pending.Filings.Where(f => f.Record is SlaTimerWatch).GroupBy(f => f.Id).Select(g => Keep(g.Last())));
        stores.AddRange(pending.Filings.Where(f => f.Record is OpenEntry).GroupBy(f => f.Id).Select(page =>
            grains.GetGrain<IOpenPageGrain>(RecordKeys.Key(studioId, page.Key)).Apply([.. page.Select(f => (OpenEntry)f.Record)])));
        await Task.WhenAll(stores);
    }

    /// <summary>
    /// Appends stored inbox batches' messages to their agents' feeds — each agent's in order, in one append however many
    /// batches they came in — different agents side by side. The feed is how an external agent hears: its session (and
    /// the gateway's SSE) long-polls it, so nothing goes on its inbox stream (on Azure Queue streams that was a queue
    /// write and a delete per agent per run, for no reader). Throws if any append fails; a repeat appends only what a
    /// feed lacks (feeds skip known ids).
    /// </summary>
    public Task Feed(IEnumerable<InboxMessage> messages) => OrchestrationTelemetry.Step("feed", () =>
        Task.WhenAll(messages.GroupBy(m => m.AgentId, StringComparer.Ordinal).Select(inbox =>
            grains.GetGrain<IFeedWriter<InboxMessage>>(FeedKeys.Inbox(studioId, inbox.Key)).Append([.. inbox]))));

    /// <summary>Seals a chunk of the record index, or a part of one (see <see cref="RecordIndex"/>).</summary>
    public Task Seal(RecordIndexChunk piece) =>
        grains.GetGrain<IRecordGrain<RecordIndexChunk>>(RecordIndex.Key(studioId, piece.Number, piece.Part)).Keep(piece);

    /// <summary>Files an agent's registration in its directory page, or starts or stops an SLA timer.</summary>
    private Task Keep(Filing filing)
    {
        var key = RecordKeys.Key(studioId, filing.Id);
        return filing.Record switch
        {
            AgentProfile agent => grains.GetGrain<IAgentDirectoryPageGrain>(key).Upsert(agent),
            SlaTimerWatch timer => timer.On
                ? grains.GetGrain<ISlaTimerGrain>(SlaTimers.Key(studioId, timer.Minute)).Start(timer.Minute)
                : grains.GetGrain<ISlaTimerGrain>(SlaTimers.Key(studioId, timer.Minute)).Stop(),
            _ => throw new InvalidOperationException($"no record grain keeps a {filing.Record.GetType().Name}"),
        };
    }

    /// <summary>A retry's messages again, whose first sending may have been lost: a hosted agent's on its stream; an
    /// external agent's are skipped, as they are in its feed (stored there, or in a stored batch on its way).</summary>
    public Task Resend(IEnumerable<InboxMessage> messages) => Send(messages.Where(m => !keepsInbox(m.AgentId)));

    /// <summary>Messages on their agents' inbox streams: each agent's in order, in as few batches as fit; different
    /// agents' streams side by side.</summary>
    private Task Send(IEnumerable<InboxMessage> messages) =>
        Task.WhenAll(messages.GroupBy(m => m.AgentId, StringComparer.Ordinal).Select(inbox => SendTo(inbox.Key, inbox)));

    private async Task SendTo(string agentId, IEnumerable<InboxMessage> messages)
    {
        var inbox = streams.GetStream<InboxMessage>(StudioStreams.Inbox(agentId));
        foreach (var batch in StreamBatches.Split(messages.Select(seal.SealedAndSized), m => m.Size))
            await inbox.OnNextBatchAsync([.. batch.Select(m => m.Item)]);
    }

    public Task Broadcast(StrategyBroadcast broadcast) => _strategy.OnNextAsync(seal.Sealed(broadcast));
}
