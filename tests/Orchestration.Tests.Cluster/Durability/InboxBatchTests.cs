using Azure.Storage.Blobs.Models;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Silo.Hosting;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>External agents' messages on Azure Blob storage (Azurite): a delivery stores all of them in one inbox batch
/// before its callers return, and the inbox feeds are appended from the batches — so feeds that fail, and a Producer
/// activation lost with batches not yet fed, delay messages but never lose, reorder or double one.</summary>
[Collection(DurableClusterCollection.Name)]
public class InboxBatchTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task Messages_are_stored_a_delivery_at_a_time_and_reach_each_feed_once_in_order_though_feeds_fail_and_the_activation_is_lost()
    {
        var studio = fixture.NewStudio();
        var agents = Enumerable.Range(0, 16).Select(_ => Ids.New("llm")).ToList();
        foreach (var agent in agents) await studio.RegisterExternalAgentAsync(agent, AgentKinds.ExperimentTracker, "LLM", 4);

        // Sixteen agents report at once: their acknowledgements share deliveries, so fewer batches than agents.
        await Task.WhenAll(agents.Select(agent => studio.ReportBlockerAsync(Samples.Blocker(agent, $"{agent}-1"))));
        var batches = 0;
        await foreach (var blob in SiloProfiles.Blobs(Azurite.ConnectionString).GetBlobContainerClient(fixture.Container)
                           .GetBlobsAsync(BlobTraits.None, BlobStates.None, "record-", CancellationToken.None))
            if (blob.Name.Contains($"/{studio.StudioId}/inbox-log:", StringComparison.Ordinal)) batches++;
        Assert.InRange(batches, 1, agents.Count / 2);

        // The feeds fail: callers still get their receipts (what they did is stored), and the activation is then lost
        // with its batches unfed.
        using (StudioFaults.Arm(FaultTarget.InboxFeeds, studio.StudioId))
        {
            foreach (var agent in agents.Take(4)) await studio.ResolveReportAsync($"{agent}-1", agent, "fixed");
            Assert.False((await studio.ReportBlockerAsync(Samples.Blocker(agents[0], $"{agents[0]}-2"))).WasDuplicate);
            await fixture.Cluster.DeactivateAsync(studio.Producer);
        }

        // Any call activates the Producer again, and it feeds the stored batches before anything else.
        await studio.GetOverviewAsync();
        IFeedGrain<InboxMessage> Feed(string agent) => fixture.Client.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(studio.StudioId, agent));
        var first = await Eventually.Until(() => Feed(agents[0]).Read(0, 100), page => page.Head >= 3, "the first agent's three messages");
        Assert.Equal([$"ack:{agents[0]}-1", $"closed:{agents[0]}-1", $"ack:{agents[0]}-2"], first.Entries.Select(e => e.Item.MessageId));
        Assert.Equal([1L, 2L, 3L], first.Entries.Select(e => e.Sequence));
        foreach (var agent in agents.Skip(1).Take(3))
            Assert.Equal([$"ack:{agent}-1", $"closed:{agent}-1"], (await Feed(agent).Read(0, 100)).Entries.Select(e => e.Item.MessageId));
        foreach (var agent in agents.Skip(4))
            Assert.Equal([$"ack:{agent}-1"], (await Feed(agent).Read(0, 100)).Entries.Select(e => e.Item.MessageId));

        // Once: another activation feeds nothing again.
        await fixture.Cluster.DeactivateAsync(studio.Producer);
        await studio.ReportBlockerAsync(Samples.Blocker(agents[0], $"{agents[0]}-3"));
        var after = await Eventually.Until(() => Feed(agents[0]).Read(0, 100), page => page.Head >= 4, "the first agent's fourth message");
        Assert.Equal([1L, 2L, 3L, 4L], after.Entries.Select(e => e.Sequence));
        Assert.Equal($"ack:{agents[0]}-3", after.Entries[^1].Item.MessageId);
    }
}
