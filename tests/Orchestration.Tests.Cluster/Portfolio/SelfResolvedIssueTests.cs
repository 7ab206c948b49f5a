using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
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

    [Fact]
    public async Task Late_retries_of_samples_key_result_updates_and_status_reports_change_nothing()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("shipper");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Shipper", 2);
        await studio.Portfolio.DeclareProject(new ProjectDeclaration("checkout", "Checkout", [agentId], []));
        var quarter = $"{fixture.Today.Year}-Q{(fixture.Today.Month - 1) / 3 + 1}";
        await studio.Portfolio.SetObjective(new Objective("okr-conv", quarter, "Grow conversion", [new KeyResult("conv", "Conversion", 0, 100, 0, "%")]));
        for (var i = 1; i <= 30; i++)
        {
            await studio.Portfolio.ReportMetricSample(new MetricSample($"nps-{i}", "customer-satisfaction", 40 + i, "survey"));
            await studio.Portfolio.UpdateKeyResult(new KeyResultUpdate($"kr-{i}", "okr-conv", "conv", i));
            await studio.Portfolio.ReportProjectStatus(new StatusReport($"status-{i}", "checkout", agentId, i % 2 == 0 ? ProjectStatus.Green : ProjectStatus.Yellow, $"week {i}"));
        }

        var before = await studio.GetOverviewAsync();

        // The first of each left the Producer's recent ids long ago; a retry still finds it applied.
        await studio.Portfolio.ReportMetricSample(new MetricSample("nps-1", "customer-satisfaction", 41, "survey"));
        Assert.Equal(30, (await studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("kr-1", "okr-conv", "conv", 1))).KeyResults.Single().Current);
        Assert.Equal(ProjectStatus.Green, (await studio.Portfolio.ReportProjectStatus(new StatusReport("status-1", "checkout", agentId, ProjectStatus.Yellow, "week 1"))).Status);
        Assert.Equal(before.EventsPublished, (await studio.GetOverviewAsync()).EventsPublished);

        var satisfaction = (await studio.Portfolio.GetMetrics()).Metrics.Single(m => m.Key == "customer-satisfaction");
        Assert.Equal((70.0, 69.0), (satisfaction.Value!.Value, satisfaction.Previous!.Value));
        Assert.StartsWith("latest of 30 sample(s)", satisfaction.Basis);
    }
}
