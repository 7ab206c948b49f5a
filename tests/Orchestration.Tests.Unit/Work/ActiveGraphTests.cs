using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Metrics;
using Orchestration.Grains.Work;
using static Orchestration.Tests.Unit.Conflicts.WorkItems;

namespace Orchestration.Tests.Unit.Work;

public class ActiveGraphTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static CompletedWork Done(WorkItem item, int daysAgo = 0) =>
        new(item.ItemId, item.Kind, item.Category, item.OwnerAgentId, item.ProjectId, At.AddDays(-daysAgo));

    [Fact]
    public void Finished_work_stays_only_while_something_active_names_it()
    {
        var e1 = Experiment("E1", 0, 10);                     // finished, and R1 (active) needs it
        var e2 = Experiment("E2", 0, 10);                     // finished, R2 needs it, but R2 is finished too
        var e3 = Experiment("E3", 0, 10);                     // finished, named by an active conflict's path
        var e4 = Experiment("E4", 0, 10);                     // finished, counted by an initiative
        var e5 = Experiment("E5", 0, 10);                     // finished, nothing names it
        var r1 = Release("R1", 0, 30, [], On("E1"));
        var r2 = Release("R2", 0, 30, [], On("E2"));
        var items = new[] { e1, e2, e3, e4, e5, r1, r2 }.ToDictionary(i => i.ItemId);
        var completed = new[] { e1, e2, e3, e4, e5, r2 }.ToDictionary(i => i.ItemId, i => Done(i));

        var leaving = ActiveGraph.Finished(items, completed, [["E3", "R9"]], ["E4"]);

        Assert.Equal(["E2", "E5", "R2"], leaving);
        Assert.Empty(ActiveGraph.Finished(items, new Dictionary<string, CompletedWork>(), [], []));
    }

    [Fact]
    public void Completions_are_counted_per_quarter_and_per_recent_day_in_constant_space()
    {
        var tally = new CompletionTally();
        var release = Release("R", 0, 30);
        var debt = Experiment("D", 0, 10) with { Category = WorkCategory.TechnicalDebt };
        for (var day = 0; day < 200; day++) tally.Add(Done(day % 4 == 0 ? debt : release, daysAgo: 199 - day));

        // 1 October to 27 November: 58 completions, 14 of them debt (an experiment), 44 feature releases.
        Assert.Equal(new QuarterCompletions(58, 44, 14), tally.Quarter("2026-Q4"));
        Assert.Equal(new QuarterCompletions(0, 0, 0), tally.Quarter("2027-Q1"));
        Assert.Equal(CompletionTally.DaysKept, tally.ByDay.Count);
        Assert.Equal(1, tally.ByDay[DateOnly.FromDateTime(At.UtcDateTime)]);
    }
}
