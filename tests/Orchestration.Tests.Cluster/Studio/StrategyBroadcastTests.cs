using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

[Collection(ClusterCollection.Name)]
public class StrategyBroadcastTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public async Task Every_agent_receives_each_version_once_in_order_and_applies_it()
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await using var external = await studio.ConnectAgentAsync(Ids.New("llm"), AgentKinds.ExperimentTracker, "LLM tracker", 1);

        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        await shipper.PlanRelease(new ReleasePlan("onboarding-v3", "onboarding", "Guided onboarding", Today.AddDays(10), ["growth"]));
        await shipper.PlanRelease(new ReleasePlan("checkout-v2", "checkout", "One-page checkout", Today.AddDays(20), ["customer-commitments"]));
        await shipper.PlanRelease(new ReleasePlan("reports-v1", "reports", "Exports", Today.AddDays(5), []));
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        await tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "Green CTA converts", Today, Today.AddDays(21), []));
        await tracker.PlanExperiment(new ExperimentPlan("exp-tour", "onboarding", "A tour retains", Today, Today.AddDays(7), ["growth"]));
        Assert.Equal(["reports-v1", "onboarding-v3", "checkout-v2"], (await shipper.GetReleaseQueue()).Select(r => r.ReleaseId)); // by date

        await studio.PublishStrategyAsync(Samples.Strategy(1, "growth"));
        await studio.PublishStrategyAsync(Samples.Strategy(2, "checkout", "growth"));
        await studio.PublishStrategyAsync(Samples.Strategy(3, "customer-commitments", "growth"));

        // The external agent: v1, v2, v3, each once, in order.
        var received = new List<int>();
        for (var i = 0; i < 3; i++) received.Add((await Eventually.Next(external.Strategies, $"strategy #{i + 1}")).Version);
        Assert.Equal([1, 2, 3], received);

        // The hosted agents applied exactly v1, v2, v3 in that order, and reordered their work.
        foreach (var agent in new IAgentGrain[] { tracker, shipper })
        {
            var snapshot = await Eventually.Until(agent.GetSnapshot, s => s.Strategy?.Version == 3, "v3 applied");
            Assert.Equal([1, 2, 3], snapshot.AppliedStrategyVersions);
            Assert.Equal(["customer-commitments", "growth"], snapshot.Strategy!.Priorities);
        }

        Assert.Equal(["checkout-v2", "onboarding-v3", "reports-v1"], (await shipper.GetReleaseQueue()).Select(r => r.ReleaseId));
        Assert.Equal(["exp-tour", "exp-cta"], (await tracker.GetExperimentQueue()).Select(e => e.ExperimentId));
    }

    [Fact]
    public async Task The_same_strategy_message_twice_publishes_one_version_and_agents_apply_it_once()
    {
        var studio = fixture.NewStudio();
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await using var external = await studio.ConnectAgentAsync(Ids.New("llm"), AgentKinds.ProjectShipper, "Release bot", 1);
        var change = Samples.Strategy(1, "growth");

        var first = await studio.PublishStrategyAsync(change);
        var before = await Samples.View(studio);
        var retry = await studio.PublishStrategyAsync(change);

        Assert.Equal(first.IssuedAt, retry.IssuedAt);
        Assert.Equivalent(before, await Samples.View(studio), strict: true);

        // v2 is a marker: whatever the retry re-broadcast came before it, and nobody applied v1 twice.
        await studio.PublishStrategyAsync(Samples.Strategy(2, "checkout"));
        Assert.Equal(1, (await Eventually.Next(external.Strategies, "v1")).Version);
        Assert.Equal(2, (await Eventually.Next(external.Strategies, "v2")).Version);
        var snapshot = await Eventually.Until(studio.HostedAgent(AgentKinds.ProjectShipper, shipperId).GetSnapshot, s => s.Strategy?.Version == 2, "v2 applied");
        Assert.Equal([1, 2], snapshot.AppliedStrategyVersions);
    }

    [Fact]
    public async Task An_agent_that_registers_later_starts_from_the_current_strategy()
    {
        var studio = fixture.NewStudio();
        await studio.PublishStrategyAsync(Samples.Strategy(1, "growth"));
        await studio.PublishStrategyAsync(Samples.Strategy(2, "customer-commitments"));

        var hosted = await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, Ids.New("shipper"), "Late shipper", 2);
        await using var external = await studio.ConnectAgentAsync(Ids.New("llm"), AgentKinds.ExperimentTracker, "Late tracker", 1);

        Assert.Equal(2, hosted.Strategy?.Version);
        Assert.Equal([2], hosted.AppliedStrategyVersions);
        Assert.Equal(2, external.Registration.CurrentStrategy?.Version);
        Assert.Equal(2, (await Eventually.Next(external.Strategies, "the current strategy")).Version);

        await studio.PublishStrategyAsync(Samples.Strategy(3, "checkout"));
        Assert.Equal(3, (await Eventually.Next(external.Strategies, "v3")).Version);
    }
}
