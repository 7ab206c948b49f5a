using Orchestration.Grains.Strategy;

namespace Orchestration.Tests.Unit.Strategy;

public class PriorityRankingTests
{
    private sealed record Item(string Id, string Project, string[] Tags, int Due);

    private static List<string> Order(IReadOnlyList<string> priorities, params Item[] items) =>
        PriorityRanking.Order(items, priorities, i => i.Project, i => i.Tags, i => i.Due, i => i.Id).Select(i => i.Id).ToList();

    [Fact]
    public void Ranks_by_the_first_priority_naming_the_project_or_a_tag()
    {
        var order = Order(
            ["customer-commitments", "checkout", "growth"],
            new Item("onboarding", "onboarding", ["growth"], Due: 1),
            new Item("checkout", "checkout", [], Due: 2),
            new Item("enterprise", "billing", ["Customer-Commitments"], Due: 3));

        Assert.Equal(["enterprise", "checkout", "onboarding"], order);
    }

    [Fact]
    public void Puts_unranked_work_last_and_breaks_ties_by_due_then_id()
    {
        var order = Order(
            ["growth"],
            new Item("z-late", "x", [], Due: 9),
            new Item("b-early", "y", [], Due: 1),
            new Item("a-early", "y", [], Due: 1),
            new Item("grow", "g", ["growth"], Due: 50));

        Assert.Equal(["grow", "a-early", "b-early", "z-late"], order);
    }

    [Fact]
    public void Without_priorities_orders_by_due_date() =>
        Assert.Equal(["first", "second"], Order([], new Item("second", "p", [], 2), new Item("first", "p", [], 1)));

    [Fact]
    public void Rank_counts_from_zero_and_unmatched_is_the_priority_count()
    {
        Assert.Equal(1, PriorityRanking.RankOf(["a", "b"], "b", []));
        Assert.Equal(2, PriorityRanking.RankOf(["a", "b"], "c", ["d"]));
    }
}
