using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Silo.Hosting;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>Where the Azure profile puts what, as docs/OPERATIONS.md says: grain state and stream subscriptions both
/// in <c>{service}-state</c> (Orleans keeps subscriptions in the storage named like the stream provider).</summary>
public class StorageLayoutTests
{
    [Fact]
    public async Task Grain_state_and_stream_subscriptions_are_in_the_state_container_the_docs_name()
    {
        await using var azure = await AzureSiloCluster.StartAsync("layout", silos: 1);
        var studio = new StudioClient(azure.Client, "studio");
        await using var session = await studio.ConnectAgentAsync("watcher", AgentKinds.ExperimentTracker, "Watcher", 1); // an explicit subscription, and a feed
        await studio.ReportBlockerAsync(Samples.Blocker("watcher", "blk-1"));

        var blobs = SiloProfiles.Blobs(Azurite.ConnectionString);
        async Task<List<string>> Names(string container)
        {
            var names = new List<string>();
            await foreach (var blob in blobs.GetBlobContainerClient(container).GetBlobsAsync()) names.Add(blob.Name);
            return names;
        }

        var service = azure.ServiceId.ToLowerInvariant();
        var state = await Eventually.Until(() => Names($"{service}-state"),
            n => n.Any(b => b.StartsWith("producer-producer/studio", StringComparison.Ordinal)) && n.Any(b => b.StartsWith("PubSubRendezvousGrain-", StringComparison.Ordinal))
                && n.Any(b => b.Contains("studio/inbox:watcher", StringComparison.Ordinal)),
            "the Producer's state, the subscription to the studio's strategy and the watcher's inbox feed");
        Assert.Contains("PubSubRendezvousGrain-pubsubrendezvous/studio/studio.strategy/studio.json", state);
        Assert.DoesNotContain("PubSubRendezvousGrain-pubsubrendezvous/studio/agent.inbox/watcher.json", state); // its session reads the feed
        var containers = new List<string>();
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: service)) containers.Add(container.Name);
        Assert.Equal([$"{service}-state"], containers);
    }
}
