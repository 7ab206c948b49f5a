using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>The outbox is stored with the change it belongs to: when the Producer's activation is lost after its
/// write and before its delivery, the next activation delivers what was held, once.</summary>
[Collection(DurableClusterCollection.Name)]
public class JournalCrashTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task Events_stored_but_not_delivered_when_the_activation_is_lost_are_journaled_once_by_the_next()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-before"));

        using (StudioFaults.Arm(FaultTarget.Journal, studio.StudioId))
        {
            await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-held"));
            // The activation goes away with its delivery still owed; only what storage holds survives it.
            await fixture.Cluster.DeactivateAsync(studio.Producer);
        }

        // Any call, even a read, activates the Producer again, and it delivers the stored outbox before anything else.
        var overview = await studio.GetOverviewAsync();
        var delivered = new List<StudioEvent>();
        await foreach (var e in studio.ReadJournalAsync()) delivered.Add(e);
        Assert.Equal(overview.EventsPublished, delivered[^1].Sequence);

        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-after"));

        var journal = new List<StudioEvent>();
        await foreach (var e in studio.ReadJournalAsync()) journal.Add(e);
        var published = (await studio.GetOverviewAsync()).EventsPublished;
        Assert.Equal(Enumerable.Range(1, (int)published).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.Equal(["blk-before", "blk-held", "blk-after"], journal.OfType<ReportRaised>().Select(e => e.Report.ReportId));
    }
}
