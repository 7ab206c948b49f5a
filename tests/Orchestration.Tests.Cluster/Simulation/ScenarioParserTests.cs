using Orchestration.Simulation.Scenarios;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>A malformed scenario is refused with the line and the problem.</summary>
public class ScenarioParserTests
{
    private const string Valid = """
        name: ok
        start: 2026-10-05
        agents:
          - { id: shipper, kind: project-shipper }
        work:
          - { id: r1, kind: release, owner: shipper, project: p1, start: day 0, end: week 2 }
        timeline:
          - { at: day 3 14:30, complete: { item: r1 } }
        expect:
          - conflicts: { none: true }
        """;

    private static ScenarioException Refused(string yaml) => Assert.Throws<ScenarioException>(() => new ScenarioParser("bad.yaml").Parse(yaml));

    [Fact]
    public void A_valid_scenario_reads_times_as_offsets_from_nine_in_the_morning()
    {
        var scenario = new ScenarioParser("ok.yaml").Parse(Valid);

        Assert.Equal(TimeSpan.FromDays(3) + TimeSpan.FromHours(5.5), scenario.Timeline.Single().At);
        Assert.Equal(new DateOnly(2026, 10, 19), scenario.Work.Single().End);
        Assert.Equal(TimeSpan.FromDays(10) + TimeSpan.FromHours(5.5), scenario.Duration); // last step + a week
    }

    [Theory]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: someday, complete: { item: r1 } }", 8, "'someday' is not a time: write day N, week N or day N HH:mm")]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: day 3, fly: { item: r1 } }", 8, "unknown action 'fly'")]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: day 3 }", 8, "a timeline step needs one action")]
    [InlineData("owner: shipper", "owner: nobody", 6, "owner 'nobody' is not one of the scenario's agents")]
    [InlineData("kind: release", "kind: party", 6, "kind is 'party'; it is experiment or release")]
    [InlineData("start: 2026-10-05", "start: 5 October", 2, "'5 October' is not a date like 2026-10-05")]
    [InlineData("name: ok", "name: ok\ncolour: blue", 2, "unknown key 'colour'")]
    [InlineData("  - conflicts: { none: true }", "  - miracles: { none: true }", 10, "unknown expectation 'miracles'")]
    [InlineData("name: ok", "name: ok: really", 1, "not valid YAML")]
    [InlineData("  - conflicts: { none: true }", "  - conflicts: { none: true", 10, "the file ends inside an unclosed { or [")]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: day 1 25:00, complete: { item: r1 } }", 8, "'25:00' in 'day 1 25:00' is not a time of day")]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: day 1, blocker: { id: b1, agent: shipper, project: p1, severity: urgent } }", 8, "severity is 'urgent'; it is one of low, medium, high, critical")]
    [InlineData("kind: project-shipper", "kind: astrologer", 4, "kind is 'astrologer'; the simulator runs experiment-tracker, project-shipper (register your own")]
    [InlineData("start: day 0, end: week 2", "start: week 2, end: day 0", 6, "end (day 0) is before start (week 2)")]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: day 1, extend: { item: r1, days: three } }", 8, "extend days is 'three'; it must be a number")]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: day 1, extend: { item: r1 } }", 8, "extend needs 'days'")]
    [InlineData("  - { at: day 3 14:30, complete: { item: r1 } }", "  - { at: day 1, complete: { item: r9 } }", 8, "complete item 'r9' is not in work:")]
    [InlineData("project: p1, start: day 0, end: week 2 }", "project: p1, start: day 0, end: week 2 }\n  - { id: r1, kind: release, owner: shipper, project: p1, start: day 0, end: day 3 }", 7, "work item 'r1' is declared twice")]
    [InlineData("project: p1, start: day 0, end: week 2 }", "project: p1, start: day 0, end: week 2, needs: [{ item: r2 }] }\n  - { id: r2, kind: release, owner: shipper, project: p1, start: day 0, end: day 3, needs: [{ item: r1 }] }", 6, "work item 'r1' is in a dependency cycle")]
    [InlineData("project: p1, start: day 0, end: week 2 }", "project: p1, start: day 0, end: week 2, needs: [{ item: ghost }] }", 6, "r1 needs 'ghost', which is not in work:")]
    [InlineData("  - { id: shipper, kind: project-shipper }", "\t- { id: shipper, kind: project-shipper }", 4, "not valid YAML")]
    public void A_malformed_file_names_the_line_and_the_problem(string replace, string with, int line, string problem)
    {
        var refused = Refused(Valid.Replace(replace, with, StringComparison.Ordinal));

        Assert.Equal(line, refused.Line);
        Assert.Contains(problem, refused.Problem);
        Assert.StartsWith($"bad.yaml:{line}: ", refused.Message);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var refused = Refused(Valid.Replace("name: ok\n", "", StringComparison.Ordinal));
        Assert.Equal((1, "'name' is missing"), (refused.Line, refused.Problem));
    }

    [Fact]
    public void Work_may_name_a_prerequisite_declared_after_it()
    {
        var scenario = new ScenarioParser("ok.yaml").Parse(Valid.Replace("project: p1, start: day 0, end: week 2 }",
            "project: p1, start: day 0, end: week 2, needs: [{ item: e1 }] }\n  - { id: e1, kind: release, owner: shipper, project: p1, start: day 0, end: day 3 }", StringComparison.Ordinal));

        Assert.Equal(["e1", "r1"], scenario.Work.Select(w => w.ItemId)); // declared prerequisites first
    }
}
