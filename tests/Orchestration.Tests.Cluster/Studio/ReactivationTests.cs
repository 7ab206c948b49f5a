using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>State is read back from storage, not only written: every activation is collected, then everything is
/// still there and agents still receive broadcasts on the subscriptions they resume.</summary>
[Collection(ClusterCollection.Name)]
public class ReactivationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task After_every_grain_is_deactivated_the_studio_reads_back_whole_and_keeps_working()
    {
        var studio = fixture.NewStudio();
        var shipperId = Ids.New("shipper");
        var llmId = Ids.New("llm");
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await studio.RegisterExternalAgentAsync(llmId, AgentKinds.ExperimentTracker, "LLM", 1);
        await studio.PublishStrategyAsync(Samples.Strategy(1, "growth"));
        await studio.ReportBlockerAsync(Samples.Blocker(llmId, "blk-1"));
        var shipper = studio.HostedAgent<IProjectShipperGrain>(shipperId);
        await shipper.PlanRelease(new ReleasePlan("rel-1", "growth", "Onboarding", fixture.Today.AddDays(9), ["growth"]));
        await Eventually.Until(shipper.GetSnapshot, s => s.Strategy?.Version == 1, "v1 applied");
        var before = await Samples.View(studio);
        var shipperBefore = await shipper.GetSnapshot();

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equivalent(before, await Samples.View(studio), strict: true);
        Assert.Equivalent(shipperBefore, await shipper.GetSnapshot(), strict: true);
        Assert.Equal("rel-1", (await shipper.GetReleaseQueue()).Single().ReleaseId);

        // The shipper was deactivated: the next broadcast reactivates it on its resumed subscription.
        await studio.PublishStrategyAsync(Samples.Strategy(2, "checkout"));
        var after = await Eventually.Until(shipper.GetSnapshot, s => s.Strategy?.Version == 2, "v2 applied after reactivation");
        Assert.Equal([1, 2], after.AppliedStrategyVersions);
        Assert.Empty(await studio.WorkGraph.GetConflicts());
    }
}
