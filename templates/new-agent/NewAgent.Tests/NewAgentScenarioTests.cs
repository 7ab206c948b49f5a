using NewAgent;
using Xunit;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Simulation.Library;

namespace NewAgent.Tests;

/// <summary>Simulate before you ship: the scenario runs the real grains on an in-process cluster, in virtual time.</summary>
public class NewAgentScenarioTests
{
    [Fact]
    public async Task The_agent_kind_joins_a_studio_raises_its_blocker_and_applies_its_decision()
    {
        var result = await ScenarioTesting.RunAsync(Path.Combine(AppContext.BaseDirectory, "scenarios", "new-agent.yaml"),
            agentKinds: services => services.AddNewAgentKind());

        result.ShouldPass();
        var joined = Assert.Single(result.Events!.OfType<AgentJoined>(), e => e.Agent.AgentId == "new-agent-1");
        Assert.Equal((NewAgentGrain.Kind, AgentHosting.Hosted), (joined.Agent.Kind, joined.Agent.Hosting));
        Assert.Equal("new-agent-1", Assert.Single(result.Events!.OfType<ReportRaised>()).Report.AgentId);
        // It applied what it acknowledged: its spike was declared again with the decision's dates.
        Assert.Contains(result.Events!.OfType<WorkItemDeclared>(), e => e.Item.ItemId == "spike-1" && e.Summary.Contains("applying decision-1", StringComparison.Ordinal));
        Assert.Contains(result.Events!.OfType<DecisionAcknowledged>(), e => e.AgentId == "new-agent-1");
    }
}
