using Orchestration.Simulation.Library;
using Orchestration.Simulation.Running;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>The timeline reads as the story happened: at one instant the cause comes before its effects, and a time
/// before nine in the morning is shown on its own day.</summary>
public class TimelineTests
{
    [Theory]
    [InlineData(0, 0, "day 0 09:00")]
    [InlineData(1, -1, "day 1 08:00")]   // "day 1 08:00" in a scenario: 23 h after day 0 09:00
    [InlineData(0, -9, "day 0 00:00")]
    [InlineData(2, 14.5, "day 2 23:30")]
    public void A_time_is_shown_on_its_own_day(int days, double hours, string expected) =>
        Assert.Equal(expected, new TimelineEntry(TimeSpan.FromDays(days) + TimeSpan.FromHours(hours), "Step", "x").When);

    [Fact]
    public async Task At_one_instant_the_slip_comes_before_the_conflict_it_raised()
    {
        var result = await ScenarioTesting.RunYamlAsync("""
            name: causal-order
            start: 2026-10-05
            duration: day 3
            strategy: { priorities: [customer-commitments] }
            agents:
              - { id: tracker, kind: experiment-tracker }
              - { id: shipper, kind: project-shipper }
            work:
              - { id: exp, kind: experiment, owner: tracker, project: p, start: day 0, end: day 21, revenue: 1000, sample: 100 }
              - { id: rel, kind: release, owner: shipper, project: p, start: day 0, end: day 30, needs: [{ item: exp, lead: 2 }] }
            timeline:
              - { at: day 1 08:00, extend: { item: exp, days: 21, reason: late } }
            expect:
              - conflicts: { count: 1 }
            """);

        var atTheSlip = result.Timeline.Where(t => t.When == "day 1 08:00").Select(t => t.Type).ToList();
        Assert.Equal("Step", atTheSlip[0]);
        Assert.True(atTheSlip.IndexOf("WorkItemDeclared") < atTheSlip.IndexOf("ConflictRaised"), string.Join(", ", atTheSlip));
    }
}
