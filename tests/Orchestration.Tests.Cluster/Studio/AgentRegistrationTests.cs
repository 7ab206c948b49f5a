using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

[Collection(ClusterCollection.Name)]
public class AgentRegistrationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_external_agent_registers_over_the_client_and_is_listed()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");

        var receipt = await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM tracker", 2);

        Assert.False(receipt.WasDuplicate);
        Assert.Null(receipt.CurrentStrategy);
        var agent = Assert.Single(await studio.GetAgentsAsync());
        Assert.Equal((agentId, AgentKinds.ExperimentTracker, "LLM tracker", 2, AgentHosting.External),
            (agent.AgentId, agent.Kind, agent.DisplayName, agent.Capacity, agent.Hosting));
        Assert.Equal(receipt.Agent, agent);
    }

    [Fact]
    public async Task Registering_the_same_agent_twice_changes_nothing()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        var first = await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Release bot", 3);
        var before = await Samples.View(studio);

        var second = await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Release bot", 3);

        Assert.True(second.WasDuplicate);
        Assert.Equal(first.Agent, second.Agent);
        Assert.Equivalent(before, await Samples.View(studio), strict: true); // not even an event
    }

    [Fact]
    public async Task Hosted_agents_join_and_hold_their_studio()
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");

        var tracker = await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        var shipper = await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);

        Assert.Equal((studio.StudioId, AgentKinds.ExperimentTracker, 4), (tracker.StudioId, tracker.Kind, tracker.Capacity));
        Assert.Equal((studio.StudioId, AgentKinds.ProjectShipper, 3), (shipper.StudioId, shipper.Kind, shipper.Capacity));
        Assert.Equal(
            new[] { (shipperId, AgentHosting.Hosted), (trackerId, AgentHosting.Hosted) }.OrderBy(a => a.Item1, StringComparer.Ordinal),
            (await studio.GetAgentsAsync()).Select(a => (a.AgentId, a.Hosting)));
        Assert.Equal(2, (await studio.GetOverviewAsync()).EventsPublished);
    }

    [Fact]
    public async Task A_hosted_agent_cannot_join_a_second_studio()
    {
        var first = fixture.NewStudio();
        var second = fixture.NewStudio();
        var agentId = Ids.New("shipper");
        await first.StartHostedAgentAsync(AgentKinds.ProjectShipper, agentId, "Shipper", 3);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            second.StartHostedAgentAsync(AgentKinds.ProjectShipper, agentId, "Shipper", 3));

        Assert.Equal("request.studioId", refused.Field);
        Assert.Contains($"already belongs to studio '{first.StudioId}'", refused.Reason);
        Assert.Empty(await second.GetAgentsAsync());
    }
}
