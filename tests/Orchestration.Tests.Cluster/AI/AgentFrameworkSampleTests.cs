using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.AgentFrameworkSample;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Tests.Cluster.Infrastructure;
using static Orchestration.Simulation.Library.ScriptedChatClient;

namespace Orchestration.Tests.Cluster.AI;

/// <summary>The Agent Framework sample (samples/AgentFramework) as an agent developer runs it, against a test silo,
/// its model a script: it joins with its own credential, receives the decision, applies it and acknowledges.</summary>
[Collection(ClusterCollection.Name)]
public class AgentFrameworkSampleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_sample_plays_Workflow_2_with_the_studio_s_functions_and_the_conflict_resolves()
    {
        var root = fixture.NewStudio();
        var (agentId, shipperId) = (Ids.New("maf"), Ids.New("shipper"));
        var credential = await root.Credentials.Issue(new CredentialRequest(agentId, CredentialRole.Agent, "test-operator"));
        await root.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await root.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "learning"], [], "Customers first", "ceo"));
        ClusterFixture.Model.Play(agentId, ModelScripts.AppliesTheDecision(agentId), Says("Ended the experiment early as decided and acknowledged."));

        using var stop = new CancellationTokenSource();
        var tracker = new FrameworkTracker(root.As(credential.Token), agentId, ClusterFixture.Model, NullLogger<FrameworkTracker>.Instance);
        var running = tracker.RunAsync(stop.Token);
        await Eventually.Until(root.GetAgentsAsync, agents => agents.Any(a => a.AgentId == agentId && a.Hosting == AgentHosting.External), "the sample to join");

        var today = fixture.Today;
        var experiment = await ModelScripts.PlanExperimentNeededByARelease(root, agentId, "exp-maf", shipperId, "maf-v1", today);
        var conflictId = Assert.Single((await root.WorkGraph.DeclareWorkItem(experiment with { End = today.AddDays(42) }, "needs three more weeks")).ConflictsRaised);

        var resolved = await Eventually.Until(async () => (await root.WorkGraph.GetConflict(conflictId))!, c => c.Status == ConflictStatus.Resolved, "the conflict resolved");

        var mine = Assert.Single(resolved.Decision!.ActionItems, a => a.AgentId == agentId);
        Assert.Equal(ActionStatus.Done, mine.Status);
        Assert.Equal(mine.NewEnd ?? experiment.End, (await root.WorkGraph.GetWorkItem("exp-maf"))!.End);
        Assert.All(ClusterFixture.Model.FunctionResults(agentId).Take(2), r => Assert.DoesNotContain("refused", r, StringComparison.Ordinal)); // the studio's receipts, not refusals
        await stop.CancelAsync();
        await running;
    }
}
