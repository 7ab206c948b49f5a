using CsCheck;
using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>
/// The joint plan is the cheapest there is, on generated graphs: for every group of up to six conflicts, the plan the
/// search picks costs what an exhaustive search over every combination of ways out (each conflict: none, delay, run
/// after launch, shorten, descope) finds; it leaves nothing in the group late and makes nothing else late; and it
/// never costs more than deciding the conflicts one at a time. For a single conflict, the joint cost of each way out
/// is the policy's score of that option, so a lone conflict is decided exactly as before.
/// </summary>
public class JointPlanPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly ResolutionKind?[] Ways =
        [null, ResolutionKind.DelayDependent, ResolutionKind.ProceedAndRunAfter, ResolutionKind.ShortenPrerequisite, ResolutionKind.DescopeDependent];

    private static readonly Gen<(WorkItem[] Items, int Slipped, int Days, string[] Priorities)> Cases =
        Gen.Select(GeneratedGraphs.Items(8), Gen.Int[0, 7], Gen.Int[5, 30], GeneratedGraphs.Priorities);

    [Fact]
    public void The_chosen_plan_costs_what_an_exhaustive_search_finds_and_is_never_worse_than_one_at_a_time()
    {
        var groups = 0;
        Cases.Sample(c =>
        {
            foreach (var problem in Problems(c.Items, c.Slipped, c.Days, c.Priorities).Where(p => p.Conflicts.Count <= 6))
            {
                groups++;
                var found = PlanSearch.Search(problem);
                var exhaustive = Exhaustive(problem);
                Assert.Equal(exhaustive is null, found.Best is null);
                if (exhaustive is null) continue;
                Assert.Equal(Math.Round(exhaustive.Cost, 4), Math.Round(found.Best!.Cost, 4));
                Assert.True(found.Complete);

                // Nothing in the group is left late, and nothing that was on time is made late.
                foreach (var conflict in problem.Conflicts) Assert.True(Late(found.Best.Final, conflict.ImpactedId) <= 0, $"{conflict.ImpactedId} left late");
                foreach (var id in problem.Graph.Keys.Where(id => Late(problem.Graph, id) <= 0)) Assert.True(Late(found.Best.Final, id) <= 0, $"{id} made late");

                if (found.OneAtATime is { } greedy) Assert.True(Math.Round(found.Best.Cost, 4) <= Math.Round(greedy.Cost, 4));
                if (found.RunnerUp is { } second) Assert.NotEqual(found.Best.Signature, second.Signature);
            }
        }, iter: 2000);
        Assert.True(groups > 300, $"only {groups} groups were generated");
    }

    [Fact]
    public void A_lone_conflict_costs_each_way_out_what_the_policy_scores_it()
    {
        Cases.Sample(c =>
        {
            foreach (var problem in Problems(c.Items, c.Slipped, c.Days, c.Priorities).Where(p => p.Conflicts.Count == 1))
            {
                var conflict = problem.Conflicts[0];
                var late = GraphLateness.Of(problem.Graph)[conflict.ImpactedId];
                var options = ImpactAssessor.Assess(conflict.ConflictId, problem.Graph[conflict.PrerequisiteId], problem.Graph[conflict.ImpactedId], late.Days,
                    conflict.LeadDays, Now, ConflictSettings.Default, problem.SharedBy.GetValueOrDefault(conflict.PrerequisiteId, 1)).Options;
                var scored = options.ToDictionary(o => o.Kind, o => Math.Round(DecisionPolicy.Cost(o.Impact, conflict.Scales, problem.Weights), 4));
                foreach (var option in options)
                {
                    if (PlanEvaluator.Evaluate(problem, [option.Kind]) is not { } plan) continue; // it would make other work late
                    Assert.Equal(option.Impact, plan.Impacts[0]);
                    Assert.Equal(scored[option.Kind], Math.Round(plan.Cost, 4));
                }
            }
        }, iter: 2000);
    }

    /// <summary>Every group of conflicts the graph has once one item slips, as the studio would pose them.</summary>
    internal static IEnumerable<PlanProblem> Problems(WorkItem[] items, int slipped, int days, string[] priorities)
    {
        var graph = GeneratedGraphs.Graph(items);
        var item = items[slipped % items.Length];
        graph[item.ItemId] = item with { End = item.End.AddDays(days) };
        var conflicts = GraphLateness.Of(graph).Values.Select((late, i) => new PlannedConflict($"conflict-{i + 1}", late)).ToList();
        var strategy = new StudioStrategy("studio-1", 1, priorities, [], "why", "ceo", Now, "m-1");
        return ConflictGroups.Of(conflicts, graph).Select(group =>
            ConflictGroups.Problem(group, graph, new HashSet<string>(), strategy, ConflictSettings.Default, Now));
    }

    /// <summary>Every combination of ways out, each evaluated: the cheapest valid one (ties: the evaluator's order).</summary>
    private static PlanCandidate? Exhaustive(PlanProblem problem)
    {
        PlanCandidate? best = null;
        var choices = new ResolutionKind?[problem.Conflicts.Count];
        void Next(int i)
        {
            if (i == choices.Length)
            {
                if (PlanEvaluator.Evaluate(problem, [.. choices]) is { } plan && (best is null || Math.Round(plan.Cost, 4) < Math.Round(best.Cost, 4))) best = plan;
                return;
            }

            foreach (var way in Ways)
            {
                choices[i] = way;
                Next(i + 1);
            }
        }

        Next(0);
        return best;
    }

    private static int Late(IReadOnlyDictionary<string, WorkItem> graph, string id) =>
        graph[id].DependsOn.Where(d => graph.ContainsKey(d.ItemId))
            .Select(d => graph[d.ItemId].ReadyAt.AddDays(d.LeadDays).DayNumber - graph[id].NeededBy.DayNumber).DefaultIfEmpty(0).Max();
}
