using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Portfolio;

/// <summary>Issues agents clear themselves count toward the blocker escalation rate for the studio's whole life, and a
/// retry of one is a duplicate however long ago it was logged.</summary>
[Collection(ClusterCollection.Name)]
public class SelfResolvedIssueTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_issue_counts_once_and_a_late_retry_changes_nothing()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("shipper");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Shipper", 2);
        await studio.Portfolio.DeclareProject(new ProjectDeclaration("checkout", "Checkout", [agentId], []));
        ResolvedIssue Issue(int i) => new($"self-{i}", agentId, "checkout", "flaky-test", "CI flaked", "re-ran");
        for (var i = 0; i < 30; i++) await studio.Portfolio.LogResolvedIssue(Issue(i));
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-1"));
        var before = await studio.GetOverviewAsync();

        // The first issues left the Producer's recent view long ago: still recognised, nothing is logged again.
        await studio.Portfolio.LogResolvedIssue(Issue(0));
        await studio.Portfolio.LogResolvedIssue(Issue(1));
        Assert.Equal(before.EventsPublished, (await studio.GetOverviewAsync()).EventsPublished);

        // One blocker escalated against 30 cleared by the agent itself: 1 / 31.
        var rate = (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "blocker-escalation-rate");
        Assert.Equal(1.0 / 31, rate.Value!.Value, precision: 6);
    }
}
