using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>Agents live in the directory's pages, not in the Producer's state: a registration writes one page, and a
/// Producer activated again (on Azure Blob storage, through Azurite) knows every agent, updates included.</summary>
[Collection(DurableClusterCollection.Name)]
public class AgentDirectoryTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task Agents_across_pages_come_back_whole_after_the_Producer_is_collected()
    {
        var studio = fixture.NewStudio();
        var ids = Enumerable.Range(0, 260).Select(i => $"agent-{i:000}").ToList(); // more than one page of 256
        foreach (var id in ids) await studio.RegisterExternalAgentAsync(id, AgentKinds.ExperimentTracker, id, 1);

        await fixture.Cluster.DeactivateAsync(studio.Producer);
        Assert.Equal(ids, (await studio.GetAgentsAsync()).Select(a => a.AgentId));

        // An update after the reload lands on the agent's own page, and a report from the last agent is accepted.
        await studio.RegisterExternalAgentAsync("agent-005", AgentKinds.ExperimentTracker, "renamed", 7);
        await studio.ReportBlockerAsync(Samples.Blocker("agent-259", "blk-1"));
        await fixture.Cluster.DeactivateAsync(studio.Producer);
        var agents = await studio.GetAgentsAsync();
        Assert.Equal(260, agents.Count);
        Assert.Equal(("renamed", 7), agents.Where(a => a.AgentId == "agent-005").Select(a => (a.DisplayName, a.Capacity)).Single());

        var stored = await StoredState.ReadAsync<ProducerState>(fixture.Cluster, StudioStreams.Storage, "producer", studio.Producer);
        Assert.Empty(stored.LegacyAgents);
    }
}
