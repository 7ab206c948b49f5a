using Orchestration.Simulation.Library;
using Orchestration.Simulation.Running;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>Every scenario shipped in Simulation/Scenarios passes, played through the real grains on virtual time.</summary>
public class ShippedScenarioTests
{
    private static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Scenarios() => [.. Files()];

    [Fact]
    public void The_four_seed_workflows_five_adversarial_scenarios_and_the_briefings_fortnight_are_shipped() =>
        Assert.Equal(
            ["cascade.yaml", "cross-agent-conflict.yaml", "handoff-rerouted.yaml", "project-health-intervention.yaml", "quarterly-planning.yaml",
             "sla-breaches-under-load.yaml", "slip-taken-back.yaml", "stakeholder-briefings.yaml", "strategic-initiative.yaml", "strategy-change-mid-conflict.yaml"],
            Files());

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_shipped_scenario_passes(string file)
    {
        var result = await ScenarioTesting.RunAsync(Path.Combine("scenarios", file));

        result.ShouldPass();
        Assert.NotEmpty(result.Expectations);
        Assert.Contains(result.Timeline, t => t.Type == "Step" || t.Type == "HealthReviewed");
    }

    /// <summary>Hosted agents told of one decision at the same instant react in whatever order their messages reach
    /// them; the run makes them go in one order, so a report is the same bytes every time.</summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_shipped_scenario_gives_the_same_report_byte_for_byte_on_every_run(string file)
    {
        var runs = new List<SimulationResult>();
        for (var i = 0; i < 3; i++) runs.Add(await ScenarioTesting.RunAsync(Path.Combine("scenarios", file)));

        foreach (var run in runs.Skip(1))
        {
            Assert.Equal(SimulationReport.ToJson(runs[0]), SimulationReport.ToJson(run));
            Assert.Equal(SimulationReport.ToMarkdown(runs[0]), SimulationReport.ToMarkdown(run));
        }
    }

    [Fact]
    public async Task A_generated_quarter_gives_the_same_report_byte_for_byte_on_every_run()
    {
        var scenario = Orchestration.Simulation.Scenarios.ScenarioGenerator.Quarter(projects: 12, agents: 6, weeks: 8, seed: 7);
        var first = await ScenarioTesting.RunAsync(scenario);
        var second = await ScenarioTesting.RunAsync(scenario);

        Assert.Contains(first.Timeline, t => t.Type == nameof(Orchestration.Grains.Interfaces.Messages.DecisionAcknowledged));
        Assert.Equal(SimulationReport.ToJson(first), SimulationReport.ToJson(second));
    }

    [Fact]
    public async Task A_failed_expectation_fails_the_run_and_names_its_line()
    {
        var result = await ScenarioTesting.RunYamlAsync("""
            name: wrong-expectation
            start: 2026-10-05
            duration: day 2
            agents:
              - { id: shipper, kind: project-shipper }
            projects:
              - { id: p1, owners: [shipper] }
            timeline:
              - { at: day 1, blocker: { id: b1, agent: shipper, project: p1 } }
            expect:
              - sla-breaches: { none: true }
              - escalations-open: { count: 1 }
            """);

        Assert.False(result.Passed);
        var failed = Assert.Single(result.Expectations, e => !e.Passed);
        // Never acknowledged: one missed SLA is one breach, however long it then climbs the ladder (this counted 5 once).
        Assert.Equal((11, "1 SLA breaches"), (failed.Line, failed.Actual));
        var thrown = Assert.Throws<ScenarioFailedException>(() => result.ShouldPass());
        Assert.Contains("line 11: sla-breaches none: true", thrown.Message);
    }
}
