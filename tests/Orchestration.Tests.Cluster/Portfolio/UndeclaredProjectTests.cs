using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Portfolio;

/// <summary>The rule for a project nobody declared: the report is accepted (nothing an agent reports is lost), and
/// the overview counts it as undeclared and flagged by the health review until it is declared.</summary>
[Collection(ClusterCollection.Name)]
public class UndeclaredProjectTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_blocker_on_an_undeclared_project_is_kept_and_the_project_is_flagged_until_declared()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("shipper");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Shipper", 2);

        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-1") with { ProjectId = "billing" });

        Assert.Equal(1, (await studio.GetOverviewAsync()).UndeclaredProjects);
        Assert.Equal(["billing"], (await studio.Portfolio.RunHealthReview()).UndeclaredProjects);

        await studio.Portfolio.DeclareProject(new ProjectDeclaration("billing", "Billing", [agentId], []));
        Assert.Equal(0, (await studio.GetOverviewAsync()).UndeclaredProjects);
        Assert.Empty((await studio.Portfolio.RunHealthReview()).UndeclaredProjects!);
    }
}
