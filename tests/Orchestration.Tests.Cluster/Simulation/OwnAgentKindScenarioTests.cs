using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Simulation.Library;
using Orchestration.Simulation.Scenarios;
using Orchestration.Tests.Cluster.TestAgents;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>"One class and one line" and "simulate before you ship" combine: a developer's own hosted agent kind,
/// registered as in their silo, takes part in a scenario.</summary>
public class OwnAgentKindScenarioTests
{
    private const string Yaml = """
        name: qa-review
        start: 2026-10-05
        duration: day 3
        strategy:
          priorities: [quality, customer-commitments]
          rationale: Quality first this week
        agents:
          - { id: qa-1, kind: qa-reviewer, name: QA reviewer, capacity: 2 }
          - { id: shipper, kind: project-shipper, name: Project Shipper, capacity: 2 }
        timeline:
          - at: day 1
            blocker: { id: blk-qa, agent: qa-1, project: checkout, summary: flaky suite }
        expect:
          - conflicts: { count: 0 }
        """;

    [Fact]
    public async Task A_developers_own_agent_kind_joins_a_scenario_and_takes_part()
    {
        var result = await ScenarioTesting.RunYamlAsync(Yaml, "qa-review", agentKinds: s => s.AddAgentKind<QaReviewerGrain>());

        result.ShouldPass();
        var joined = Assert.Single(result.Events!.OfType<AgentJoined>(), e => e.Agent.AgentId == "qa-1");
        Assert.Equal((QaReviewerGrain.Kind, Orchestration.Grains.Interfaces.Agents.AgentHosting.Hosted), (joined.Agent.Kind, joined.Agent.Hosting));
        Assert.Equal("qa-1", Assert.Single(result.Events!.OfType<ReportRaised>()).Report.AgentId);
    }

    [Fact]
    public void Without_its_registration_the_kind_is_refused_on_its_line_before_anything_runs()
    {
        var refused = Assert.Throws<ScenarioException>(() => new ScenarioParser("qa-review.yaml").Parse(Yaml));
        Assert.Equal(8, refused.Line);
        Assert.Contains("kind is 'qa-reviewer'", refused.Problem, StringComparison.Ordinal);
    }
}
