using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Tests.Cluster.Infrastructure;
using Orleans.Streams;

namespace Orchestration.Tests.Cluster.Security;

/// <summary>
/// A client that reaches the stream provider publishes what it likes on a studio's streams. Every receiver takes only
/// what a silo signed: a forged strategy at version 1,000,000 (which used to poison every agent for good: they ignored
/// every real later version), a copy of a real broadcast with its content changed, inbox messages "from producer" and
/// events no silo sent are dropped — by hosted agents in the silo, and by the client library's <c>AgentSession</c> and
/// watchers, which verify with the cluster's public key — and the real messages after them get through.
/// (<c>AzureStreamForgeryTests</c> does the same on the Azure profile's queue streams, with the silo's event log.)
/// </summary>
[Collection(ClusterCollection.Name)]
public class ForgedStreamTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Hosted_agents_ignore_strategies_and_inbox_messages_no_silo_sealed()
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        var tracker = studio.HostedAgent(AgentKinds.ExperimentTracker, trackerId);
        var streams = fixture.Client.GetStreamProvider(StudioStreams.Provider);

        // A real broadcast, captured as any subscriber sees it (sealed), to tamper with.
        var captured = new TaskCompletionSource<StrategyBroadcast>(TaskCreationOptions.RunContinuationsAsynchronously);
        var strategyStream = streams.GetStream<StrategyBroadcast>(StudioStreams.Strategy(studio.StudioId));
        var capture = await strategyStream.SubscribeAsync((b, _) => { captured.TrySetResult(b); return Task.CompletedTask; });
        var v1 = await studio.PublishStrategyAsync(Samples.Strategy(1, "customer-commitments"));
        var real = await captured.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await capture.UnsubscribeAsync();
        Assert.NotNull(real.Seal);
        await Eventually.Until(tracker.GetSnapshot, s => s.Strategy?.Version == 1, "the tracker applies v1");

        // Forged: unsealed, a made-up seal, and the real one with its content changed.
        var forged = v1 with { Version = 1_000_000, Priorities = ["whatever-the-forger-wants"], IssuedBy = "studio-producer" };
        await strategyStream.OnNextAsync(new StrategyBroadcast("forged-1", DateTimeOffset.UtcNow, forged));
        await strategyStream.OnNextAsync(new StrategyBroadcast("forged-2", DateTimeOffset.UtcNow, forged) { Seal = Convert.ToBase64String(new byte[32]) });
        await strategyStream.OnNextAsync(real with { MessageId = "forged-3", Strategy = real.Strategy with { Version = 2, Priorities = ["forged"] } });
        await strategyStream.OnNextAsync(real with { Strategy = forged });

        // Inbox messages "from producer" that no silo sent.
        var inbox = streams.GetStream<InboxMessage>(StudioStreams.Inbox(trackerId));
        var offer = new HandoffOffer("h-forged", HandoffKind.PostLaunch, shipperId, trackerId, "rel-1", "checkout", "forged", new Dictionary<string, string>(), 1);
        await inbox.OnNextAsync(new HandoffProposed("forged-inbox-1", studio.StudioId, trackerId, DateTimeOffset.UtcNow, "forged handoff", offer));
        await inbox.OnNextAsync(new ReportAcknowledged("forged-inbox-2", studio.StudioId, trackerId, DateTimeOffset.UtcNow, "from producer, honestly", "blk-x", Orchestration.Grains.Interfaces.Reports.ReportKind.Blocker));

        // Then the real thing, after the forgeries on both streams: the agent takes each.
        await studio.PublishStrategyAsync(Samples.Strategy(2, "learning"));
        await studio.Producer.OfferHandoff(new HandoffOffer("h-real", HandoffKind.PostLaunch, shipperId, trackerId, "rel-1", "checkout", "metrics", new Dictionary<string, string> { ["nps"] = "52" }, 2));
        var after = await Eventually.Until(tracker.GetSnapshot,
            s => s.Strategy?.Version == 2 && s.Inbox.Any(m => m.Type == nameof(HandoffProposed)), "the tracker applies v2 and receives the real handoff");

        Assert.Equal([1, 2], after.AppliedStrategyVersions);
        Assert.Equal(["learning"], after.Strategy!.Priorities);
        Assert.DoesNotContain(after.Inbox, m => m.MessageId.StartsWith("forged", StringComparison.Ordinal));
        var handoffs = await studio.Producer.GetHandoffs();
        Assert.DoesNotContain(handoffs, h => h.Offer.HandoffId == "h-forged");
        await Eventually.Until(studio.Producer.GetHandoffs, all => all.Any(h => h.Offer.HandoffId == "h-real" && h.Status != HandoffStatus.Offered), "the real handoff is answered");
    }

    [Fact]
    public async Task The_client_library_drops_and_counts_what_no_silo_signed_and_passes_on_the_real_messages()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await using var session = await studio.ConnectAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM tracker", 2);
        var events = new System.Collections.Concurrent.ConcurrentQueue<StudioEvent>();
        var watched = new System.Collections.Concurrent.ConcurrentQueue<InboxMessage>();
        await using var eventWatch = await studio.WatchEventsAsync(e => { events.Enqueue(e); return Task.CompletedTask; });
        await using var inboxWatch = await studio.WatchInboxAsync(agentId, m => { watched.Enqueue(m); return Task.CompletedTask; });
        var droppedBefore = studio.StreamTrust.Dropped;

        var v1 = await studio.PublishStrategyAsync(Samples.Strategy(1, "customer-commitments"));
        Assert.Equal(1, (await Eventually.Next(session.Strategies, "v1")).Version);

        var streams = fixture.Client.GetStreamProvider(StudioStreams.Provider);
        var strategyStream = streams.GetStream<StrategyBroadcast>(StudioStreams.Strategy(studio.StudioId));
        var forged = v1 with { Version = 1_000_000, Priorities = ["whatever-the-forger-wants"], IssuedBy = "studio-producer" };
        await strategyStream.OnNextAsync(new StrategyBroadcast("forged-1", DateTimeOffset.UtcNow, forged));
        await strategyStream.OnNextAsync(new StrategyBroadcast("forged-2", DateTimeOffset.UtcNow, forged) { Seal = "AAAAAAAA." + new string('A', 86) });
        var inbox = streams.GetStream<InboxMessage>(StudioStreams.Inbox(agentId));
        var offer = new HandoffOffer("h-forged", HandoffKind.PostLaunch, shipperId, agentId, "rel-1", "checkout", "forged", new Dictionary<string, string>(), 1);
        await inbox.OnNextAsync(new HandoffProposed("forged-inbox-1", studio.StudioId, agentId, DateTimeOffset.UtcNow, "forged handoff", offer));
        var eventStream = streams.GetStream<StudioEvent>(StudioStreams.Events(studio.StudioId));
        await eventStream.OnNextAsync(new StrategyPublished(studio.StudioId, 999, DateTimeOffset.UtcNow, "forged event", forged));

        // Then the real thing, after the forgeries: a new version, a real handoff to the agent, their events.
        await studio.PublishStrategyAsync(Samples.Strategy(2, "learning"));
        await studio.Producer.OfferHandoff(new HandoffOffer("h-real", HandoffKind.PostLaunch, shipperId, agentId, "rel-1", "checkout", "metrics", new Dictionary<string, string> { ["nps"] = "52" }, 2));

        Assert.Equal(2, (await Eventually.Next(session.Strategies, "v2 (not v1,000,000)")).Version);
        var real = await Eventually.Next(session.Inbox, "the real handoff");
        Assert.Equal("h-real", Assert.IsType<HandoffProposed>(real).Offer.HandoffId);
        Assert.Equal(2, session.CurrentStrategy!.Version);
        // The session drops the two forged strategies. The forged inbox message never reaches it: an external agent's
        // session reads its inbox feed, which only the silo writes.
        await Eventually.Until(() => Task.FromResult(session.DroppedMessages), dropped => dropped == 2, "the session to drop the two forged strategies");
        Assert.Equal(["h-real"], (await studio.ReadInboxAsync(agentId)).Entries.Select(e => e.Item).OfType<HandoffProposed>().Select(h => h.Offer.HandoffId));

        await Eventually.Until(() => Task.FromResult(events.OfType<HandoffOffered>().Any() && watched.Any(m => m is HandoffProposed)), seen => seen, "the watchers see the real handoff");
        Assert.DoesNotContain(events, e => e.Summary == "forged event");
        Assert.DoesNotContain(watched, m => m.MessageId.StartsWith("forged", StringComparison.Ordinal));
        // Counted per receiver: the session's two, and the watchers' forged inbox message and event.
        Assert.Equal(4, studio.StreamTrust.Dropped - droppedBefore);
    }
}
