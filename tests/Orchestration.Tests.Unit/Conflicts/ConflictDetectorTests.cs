using Orchestration.Grains.Conflicts;
using static Orchestration.Tests.Unit.Conflicts.WorkItems;

namespace Orchestration.Tests.Unit.Conflicts;

public class ConflictDetectorTests
{
    private static List<(string Via, string Impacted, int Slip, string Path)> Detect(Dictionary<string, Orchestration.Grains.Interfaces.Work.WorkItem> graph, string trigger) =>
        [.. ConflictDetector.Detect(graph, trigger).Select(c => (c.ViaId, c.ImpactedId, c.SlipDays, string.Join(">", c.Path)))];

    [Fact]
    public void An_experiment_three_weeks_late_conflicts_with_the_release_that_needs_it()
    {
        // E ends day 42 (was 21); R ships day 30 and needs E's result two days before.
        var graph = Graph(Experiment("E", 0, 42), Release("R", 0, 30, null, On("E", lead: 2)));

        Assert.Equal([("E", "R", 14, "E>R")], Detect(graph, "E"));
    }

    [Fact]
    public void No_conflict_while_the_slack_absorbs_the_slip()
    {
        var graph = Graph(Experiment("E", 0, 28), Release("R", 0, 30, null, On("E", lead: 2)));
        Assert.Empty(Detect(graph, "E"));
    }

    [Fact]
    public void A_chain_carries_the_slip_on_through_every_dependent()
    {
        // E → R (ships day 30) → X, an experiment that starts after R is live, on day 35.
        var graph = Graph(
            Experiment("E", 0, 42),
            Release("R", 10, 30, null, On("E")),
            Experiment("X", 35, 60, dependsOn: On("R")));

        Assert.Equal([("E", "R", 12, "E>R"), ("R", "X", 7, "E>R>X")], Detect(graph, "E"));
    }

    [Fact]
    public void In_a_diamond_the_join_meets_the_slip_once_through_its_worst_path()
    {
        // E feeds A (ships day 30) and B (ships day 40); X needs both by day 45.
        var graph = Graph(
            Experiment("E", 0, 42),
            Release("A", 0, 30, null, On("E")),
            Release("B", 0, 40, null, On("E")),
            Release("X", 0, 45, null, On("A"), On("B")));

        // A and B are both projected to day 42; X (day 45) still fits, so the slip stops there.
        Assert.Equal([("E", "A", 12, "E>A"), ("E", "B", 2, "E>B")], Detect(graph, "E"));
    }

    [Fact]
    public void In_a_diamond_that_is_too_tight_the_join_conflicts_once()
    {
        var graph = Graph(
            Experiment("E", 0, 42),
            Release("A", 0, 30, null, On("E")),
            Release("B", 0, 40, null, On("E", lead: 5)),
            Release("X", 0, 44, null, On("A", lead: 1), On("B", lead: 1)));

        // A → day 42, B → day 47 (its result is needed 5 days before day 40). X needs both a day before day 44:
        // via A it fits (-1), via B it is 4 days late, so X conflicts once, through B.
        Assert.Equal(
            [("E", "A", 12, "E>A"), ("E", "B", 7, "E>B"), ("B", "X", 4, "E>B>X")],
            Detect(graph, "E"));
    }

    [Fact]
    public void One_slip_raises_a_conflict_for_each_release_it_reaches()
    {
        var graph = Graph(
            Experiment("E", 0, 42),
            Release("R1", 0, 30, null, On("E")),
            Release("R2", 0, 35, null, On("E")),
            Release("R3", 0, 60, null, On("E")));

        Assert.Equal([("E", "R1", 12, "E>R1"), ("E", "R2", 7, "E>R2")], Detect(graph, "E"));
    }

    [Fact]
    public void Only_items_downstream_of_the_change_are_looked_at()
    {
        var graph = Graph(
            Experiment("E", 0, 42), Release("R", 0, 30, null, On("E")),
            Experiment("Other", 0, 50), Release("Late", 0, 10, null, On("Other")));

        Assert.DoesNotContain(Detect(graph, "E"), c => c.Impacted == "Late");
        Assert.DoesNotContain(Detect(graph, "R"), c => c.Impacted == "Late");
    }

    [Fact]
    public void A_new_dependent_on_work_that_is_already_late_is_a_conflict_at_once()
    {
        // E ends on day 42; R, declared now, needs it by day 30: R is the change, and the conflict is on R, via E.
        var graph = Graph(Experiment("E", 0, 42), Release("R", 0, 30, null, On("E")), Experiment("X", 31, 50, dependsOn: On("R")));

        // And X, which starts on day 31 and needs R live, is pushed by R's projected 12 days: 11 days late.
        Assert.Equal([("E", "R", 12, "E>R"), ("R", "X", 11, "E>R>X")], Detect(graph, "R"));
        Assert.Empty(Detect(Graph(Experiment("E", 0, 20), Release("R", 0, 30, null, On("E"))), "R")); // in time: nothing
    }
}
