using Orchestration.Grains.Interfaces.Messages;
using Orchestration.LlmAgents;
using Orchestration.Simulation.Library;
using Orchestration.Tests.Cluster.AI;
using static Orchestration.Simulation.Library.ScriptedChatClient;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>The simulator hosts the <c>llm-agent</c> kind with a scripted model: the seed's Workflow 2 on virtual time,
/// the Experiment Tracker a model that applies the decision, or one that fails and is tried again days later.</summary>
public class LlmAgentScenarioTests
{
    private const string Yaml = """
        name: llm-conflict
        start: 2026-10-05
        duration: week 2
        strategy:
          priorities: [customer-commitments, learning]
          rationale: Customer commitments take priority this quarter
        agents:
          - { id: ai-tracker, kind: llm-agent, name: AI tracker, capacity: 4 }
          - { id: shipper, kind: project-shipper, name: Project Shipper, capacity: 4 }
        work:
          - { id: exp-cta, kind: experiment, owner: ai-tracker, project: checkout, start: day 0, end: day 21, revenue: 200000, sample: 10000 }
          - id: checkout-v2
            kind: release
            owner: shipper
            project: checkout
            start: day 0
            end: day 30
            needs: [{ item: exp-cta, lead: 2 }]
            commitments: [{ customer: Acme, accounts: 40, contractual: true }]
        timeline:
          - at: day 3
            extend: { item: exp-cta, days: 21, reason: needs three more weeks of traffic }
        expect:
          - decision: { impacted: checkout-v2, keeps-date: true, decided-by: policy, by: day 3 }
          - conflicts: { count: 1 }
          - sla-breaches: { none: true }
        """;

    [Fact]
    public async Task A_scenario_plays_an_LLM_agent_through_Workflow_2_on_virtual_time()
    {
        var model = new ScriptedChatClient();
        model.Play("ai-tracker", Says("The priorities fit my work."), ModelScripts.AppliesTheDecision("ai-tracker"), Says("Ended the experiment early as decided."));

        var result = await ScenarioTesting.RunYamlAsync(Yaml, "llm-conflict", agentKinds: s => s.AddLlmAgentKind(_ => model));

        result.ShouldPass();
        var acknowledged = Assert.Single(result.Events!.OfType<DecisionAcknowledged>(), a => a.AgentId == "ai-tracker");
        Assert.Equal(TimeSpan.FromDays(3), acknowledged.At - result.Start); // reacted at the instant the decision was issued, on virtual time
        Assert.DoesNotContain(result.Timeline, t => t.Type == "Stalled");
    }

    [Fact]
    public async Task A_model_that_fails_is_tried_again_after_its_backoff_on_virtual_time()
    {
        var model = new ScriptedChatClient();
        model.Play("ai-tracker", Says("The priorities fit my work."), Says("I will not say."), ModelScripts.AppliesTheDecision("ai-tracker"), Says("Applied."));

        var result = await ScenarioTesting.RunYamlAsync(Yaml, "llm-retry", agentKinds: s => s.AddLlmAgentKind(_ => model));

        var acknowledged = Assert.Single(result.Events!.OfType<DecisionAcknowledged>(), a => a.AgentId == "ai-tracker");
        var late = acknowledged.At - result.Start - TimeSpan.FromDays(3);
        Assert.InRange(late, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)); // the first backoff: half to all of 30 s
        Assert.DoesNotContain(result.Timeline, t => t.Type == "Stalled");
    }
}
