using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>No client can grow a studio without bound: past a configured limit a request is refused, naming the
/// limit, and the studio is unchanged; what is already there can still change.</summary>
[Collection(ClusterCollection.Name)]
public class LimitTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Registering_past_the_agent_limit_is_refused_and_changes_nothing()
    {
        var studio = fixture.NewStudio();
        var ids = Enumerable.Range(0, ClusterFixture.MaxAgents).Select(i => $"agent-{i}").ToList();
        foreach (var id in ids) await studio.RegisterExternalAgentAsync(id, AgentKinds.ExperimentTracker, id, 1);
        var before = await Samples.View(studio);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => studio.RegisterExternalAgentAsync("one-too-many", AgentKinds.ExperimentTracker, "extra", 1));

        Assert.Equal("registration.agentId", refused.Field);
        Assert.Contains($"Limits:MaxAgents = {ClusterFixture.MaxAgents}", refused.Reason);
        Assert.Equivalent(before, await Samples.View(studio), strict: true);

        // An agent already in the studio may still update its registration.
        var updated = await studio.RegisterExternalAgentAsync(ids[0], AgentKinds.ExperimentTracker, ids[0], 3);
        Assert.Equal(3, updated.Agent.Capacity);
        Assert.Equal(ClusterFixture.MaxAgents, (await studio.GetOverviewAsync()).Agents);
    }
}
