using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Security;

/// <summary>
/// The Azure profile's stream provider (queues on Azurite), a silo process with its event log on, and a client over
/// mutual TLS that also writes straight onto the queues. A forged strategy, inbox message and event are dropped by
/// every receiver: the client's <c>AgentSession</c> and watcher, a hosted agent in the silo, and the silo's event
/// log, which reports each as unsigned instead of logging it as the studio's.
/// </summary>
public class AzureStreamForgeryTests
{
    [Fact]
    public async Task Every_receiver_drops_what_no_silo_signed_on_the_azure_queue_streams()
    {
        const string studioId = "forgery";
        await using var azure = await AzureSiloCluster.StartAsync("forgery", silos: 1, "--Studio:LogEvents=true", $"--Studio:Id={studioId}");
        var studio = new StudioClient(azure.Client, studioId);
        var shipperId = "shipper-1";
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await using var session = await studio.ConnectAgentAsync("llm-1", AgentKinds.ExperimentTracker, "LLM tracker", 2);
        var events = new System.Collections.Concurrent.ConcurrentQueue<StudioEvent>();
        await using var watch = await studio.WatchEventsAsync(e => { events.Enqueue(e); return Task.CompletedTask; });

        var v1 = await studio.PublishStrategyAsync(Samples.Strategy(1, "customer-commitments"));
        Assert.Equal(1, (await Eventually.Next(session.Strategies, "v1", TimeSpan.FromSeconds(60))).Version);

        var streams = azure.Client.GetStreamProvider(StudioStreams.Provider);
        var forged = v1 with { Version = 1_000_000, Priorities = ["forged"], IssuedBy = "studio-producer" };
        await streams.GetStream<StrategyBroadcast>(StudioStreams.Strategy(studioId)).OnNextAsync(new StrategyBroadcast("forged-1", DateTimeOffset.UtcNow, forged));
        var offer = new HandoffOffer("h-forged", HandoffKind.PostLaunch, "llm-1", shipperId, "exp-1", "checkout", "forged", new Dictionary<string, string>(), 1);
        await streams.GetStream<InboxMessage>(StudioStreams.Inbox(shipperId)).OnNextAsync(new HandoffProposed("forged-inbox-1", studioId, shipperId, DateTimeOffset.UtcNow, "forged handoff", offer));
        await streams.GetStream<InboxMessage>(StudioStreams.Inbox("llm-1")).OnNextAsync(new HandoffProposed("forged-inbox-2", studioId, "llm-1", DateTimeOffset.UtcNow, "forged handoff", offer));
        await streams.GetStream<StudioEvent>(StudioStreams.Events(studioId)).OnNextAsync(new StrategyPublished(studioId, 999, DateTimeOffset.UtcNow, "forged event", forged));

        // The real thing after the forgeries.
        await studio.PublishStrategyAsync(Samples.Strategy(2, "learning"));
        Assert.Equal(2, (await Eventually.Next(session.Strategies, "v2 (not v1,000,000)", TimeSpan.FromSeconds(60))).Version);
        var shipper = studio.HostedAgent(AgentKinds.ProjectShipper, shipperId);
        var snapshot = await Eventually.Until(shipper.GetSnapshot, s => s.Strategy?.Version == 2, "the hosted shipper applies v2", TimeSpan.FromSeconds(60));
        Assert.Equal([1, 2], snapshot.AppliedStrategyVersions);
        Assert.DoesNotContain(snapshot.Inbox, m => m.MessageId.StartsWith("forged", StringComparison.Ordinal));

        // Each stream has its own queue: the forgeries on one may be dropped after the real message on another arrived.
        string[] dropped = ["without a valid seal", "Ignored a StrategyPublished", "ignored a StrategyBroadcast", "ignored a HandoffProposed"];
        await Eventually.Until(() => Task.FromResult(azure.Silos[0].Output), log => dropped.All(d => log.Contains(d, StringComparison.Ordinal))
            && log.Contains(": Strategy v2", StringComparison.Ordinal), "the silo to drop every forgery and log the real events", TimeSpan.FromSeconds(60));
        var log = azure.Silos[0].Output;
        Assert.DoesNotContain("forged event", log, StringComparison.Ordinal);
        Assert.Contains("Ignored a StrategyPublished", log, StringComparison.Ordinal);
        Assert.Contains("ignored a StrategyBroadcast", log, StringComparison.Ordinal);
        Assert.Contains("ignored a HandoffProposed", log, StringComparison.Ordinal);

        // The forged strategy; the message forged onto llm-1's inbox stream never reaches its session, which reads its
        // inbox feed (only the silo writes it).
        await Eventually.Until(() => Task.FromResult(session.DroppedMessages), dropped => dropped == 1, "the session to drop the forged strategy", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain((await studio.ReadInboxAsync("llm-1")).Entries, e => e.Item.MessageId.StartsWith("forged", StringComparison.Ordinal));
        await Eventually.Until(() => Task.FromResult(events.ToArray()), seen => seen.Any(e => e is StrategyPublished { Strategy.Version: 2 }),
            "the client's watcher to receive v2's event", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(events, e => e.Summary == "forged event");
    }
}
