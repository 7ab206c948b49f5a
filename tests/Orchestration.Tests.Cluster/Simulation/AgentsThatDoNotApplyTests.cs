using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Simulation.Library;
using Orchestration.Tests.Cluster.TestAgents;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>
/// An agent that acknowledges a decision without applying it no longer drives the studio into a loop (a simulated
/// run once raised 17,215 conflicts): the decision stays in force for the time allowed, then the conflict waits for a
/// human with one escalation naming the agent. An agent kind that does not say how to apply a decision applies it by
/// default (the template's kind inherits that).
/// </summary>
public class AgentsThatDoNotApplyTests
{
    private static string Yaml(string kind) => $$"""
        name: acknowledged-not-applied
        start: 2026-10-05
        duration: day 6
        strategy:
          priorities: [customer-commitments, revenue]
        agents:
          - { id: owner, kind: {{kind}}, capacity: 3 }
          - { id: shipper, kind: project-shipper, capacity: 3 }
        work:
          - { id: exp-1, kind: experiment, owner: owner, project: checkout, start: day 0, end: day 21, revenue: 200000, sample: 10000 }
          - { id: rel-1, kind: release, owner: shipper, project: checkout, start: day 0, end: day 30, needs: [{ item: exp-1, lead: 2 }], commitments: [{ customer: Acme, accounts: 40, contractual: true }] }
        timeline:
          - at: day 1
            extend: { item: exp-1, days: 21, reason: three more weeks of traffic }
        expect:
          - conflicts: { count: 1 }
        """;

    [Fact]
    public async Task A_decision_acknowledged_and_not_applied_waits_for_a_human_with_one_escalation_and_no_loop()
    {
        var result = await ScenarioTesting.RunYamlAsync(Yaml(CarelessAgentGrain.Kind), "careless", agentKinds: s => s.AddAgentKind<CarelessAgentGrain>());

        result.ShouldPass();
        var events = result.Events!;
        var decision = Assert.Single(events.OfType<DecisionRecorded>()).Decision;
        Assert.Equal(ResolutionKind.ShortenPrerequisite, decision.Chosen); // the owner's experiment must end sooner
        var unapplied = Assert.Single(events.OfType<DecisionUnapplied>());
        Assert.Equal(["owner"], unapplied.AgentIds);
        Assert.InRange(unapplied.At - decision.DecidedAt, TimeSpan.FromHours(24), TimeSpan.FromHours(25));
        var escalation = Assert.Single(events.OfType<EscalationRaised>(), e => e.Escalation.Class == EscalationClass.AgentBlocker).Escalation;
        Assert.Contains("owner acknowledged decision-1 but has not applied it", escalation.Summary);
        Assert.StartsWith(unapplied.Because, Assert.Single(events.OfType<DecisionHeld>()).Because); // held for a human, once
        Assert.DoesNotContain(events, e => e is ConflictClosed);
        Assert.InRange(events.Count, 1, 60); // no loop: a handful of events in six days
    }

    [Fact]
    public async Task A_kind_that_does_not_say_how_to_apply_a_decision_applies_it_by_default()
    {
        var result = await ScenarioTesting.RunYamlAsync(Yaml(QaReviewerGrain.Kind), "applies", agentKinds: s => s.AddAgentKind<QaReviewerGrain>());

        result.ShouldPass();
        var events = result.Events!;
        Assert.Empty(events.OfType<DecisionUnapplied>());
        Assert.Contains(events.OfType<WorkItemDeclared>(), d => d.Item.ItemId == "exp-1" && d.Summary.Contains("applying decision-1", StringComparison.Ordinal));
        Assert.Contains(events.OfType<ConflictClosed>(), c => c.Status == ConflictStatus.Resolved);
    }
}
