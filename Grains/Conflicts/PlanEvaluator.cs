using System.Text;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// What a joint plan does and costs, given the way out each conflict takes. The plan is applied to the graph in
/// dependency order: a prerequisite shortened for some of its dependents ends when the earliest of them needs it; one
/// run after launch starts the day after the latest of those releases ships; a delayed dependent moves by what its
/// prerequisites, as the plan leaves them, still make it late (so a delay carries a knock-on slip, and a slip taken
/// back upstream shortens it). The plan is refused (null) if it leaves any of its conflicts late, makes on-time work
/// late, or moves an item another decision instructs.
/// <para>
/// Each conflict's cost is read off the graph the plan leaves, on its own options' scales: its dependent's slip and
/// the commitments that slip breaks; a descoped part (soft commitments, the release's share of the experiment's revenue
/// deferred); a release shipped before its experiment (half that share exposed, no evidence); and for a dependent that
/// keeps its prerequisite, the evidence it ships on (a shortened test's power). A shortened test's revenue at risk is
/// counted once, on the conflict it was shortened for (the earliest; ties in plan order).
/// </para>
/// </summary>
public static class PlanEvaluator
{
    /// <param name="decided">Which conflicts the plan decides (all when null): the others may stay late, and cost nothing
    /// (deciding one conflict at a time looks at a plan with only the first ones decided).</param>
    public static PlanCandidate? Evaluate(PlanProblem problem, IReadOnlyList<ResolutionKind?> choices, IReadOnlyList<bool>? decided = null)
    {
        var conflicts = problem.Conflicts;
        var graph = problem.Graph;
        var shortenTo = new Dictionary<string, (DateOnly End, int Binding)>(StringComparer.Ordinal);
        var runAfter = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var dropped = new HashSet<(string Dependent, string Prerequisite)>();
        for (var i = 0; i < conflicts.Count; i++)
        {
            if (choices[i] is not { } kind) continue;
            if (!problem.Allows(i, kind)) return null;
            var c = conflicts[i];
            switch (kind)
            {
                case ResolutionKind.ShortenPrerequisite:
                    var target = problem.ShortenTarget(i);
                    if (!shortenTo.TryGetValue(c.PrerequisiteId, out var current) || target < current.End) shortenTo[c.PrerequisiteId] = (target, i);
                    break;
                case ResolutionKind.ProceedAndRunAfter:
                    var launch = graph[c.ImpactedId].End;
                    if (!runAfter.TryGetValue(c.PrerequisiteId, out var latest) || launch > latest) runAfter[c.PrerequisiteId] = launch;
                    dropped.Add((c.ImpactedId, c.PrerequisiteId));
                    break;
                case ResolutionKind.DescopeDependent:
                    dropped.Add((c.ImpactedId, c.PrerequisiteId));
                    break;
            }
        }

        if (shortenTo.Keys.Any(runAfter.ContainsKey)) return null; // a test cannot both end early and run after launch

        var delayed = conflicts.Select((c, i) => (c, i)).Where(x => choices[x.i] == ResolutionKind.DelayDependent).Select(x => x.c.ImpactedId).ToHashSet(StringComparer.Ordinal);
        var impacted = conflicts.Select(c => c.ImpactedId).ToHashSet(StringComparer.Ordinal);
        var undecided = conflicts.Where((c, i) => decided is not null && !decided[i]).Select(c => c.ImpactedId).ToHashSet(StringComparer.Ordinal);
        var lateBefore = problem.LateBefore;
        var final = new Dictionary<string, WorkItem>(graph, StringComparer.Ordinal);
        var power = new Dictionary<string, double>(StringComparer.Ordinal);

        foreach (var id in problem.Affected)
        {
            var item = graph[id];
            if (dropped.Any(d => d.Dependent == id))
                item = item with { DependsOn = [.. item.DependsOn.Where(d => !dropped.Contains((id, d.ItemId)))] };
            if (delayed.Contains(id) && Late(item, final) is var residual and > 0)
                item = item with { Start = item.Start.AddDays(residual), End = item.End.AddDays(residual) };

            if (shortenTo.TryGetValue(id, out var shorten))
            {
                var planned = item.End.DayNumber - item.Start.DayNumber;
                if (shorten.End <= item.Start || shorten.End >= item.End || planned <= 0) return null;
                var p = ImpactAssessor.Power((double)(shorten.End.DayNumber - item.Start.DayNumber) / planned);
                if (p < problem.MinimumPower) return null;
                power[id] = p;
                item = item with { End = shorten.End };
            }
            else if (runAfter.TryGetValue(id, out var launch))
            {
                var duration = item.End.DayNumber - item.Start.DayNumber;
                item = item with { Start = launch.AddDays(1), End = launch.AddDays(1 + duration) };
            }

            final[id] = item;
            if (Late(item, final) > 0 && !undecided.Contains(id) && (impacted.Contains(id) || !lateBefore.Contains(id))) return null;
        }

        var impacts = new BusinessImpact[conflicts.Count];
        var costs = new double[conflicts.Count];
        for (var i = 0; i < conflicts.Count; i++)
        {
            if (decided is not null && !decided[i]) continue;
            var binding = shortenTo.TryGetValue(conflicts[i].PrerequisiteId, out var s) && s.Binding == i;
            impacts[i] = Impact(problem, i, choices[i], final, power.TryGetValue(conflicts[i].PrerequisiteId, out var p) ? p : null, binding);
            costs[i] = DecisionPolicy.Cost(impacts[i], conflicts[i].Scales, problem.Weights);
        }

        return new PlanCandidate(choices, final, impacts, costs, costs.Sum(), Signature(graph, final));
    }

    /// <summary>The cost one conflict bears in the graph a plan leaves (see the class remarks).</summary>
    internal static BusinessImpact Impact(PlanProblem problem, int index, ResolutionKind? choice, IReadOnlyDictionary<string, WorkItem> final, double? shortenedPower, bool binding)
    {
        var c = problem.Conflicts[index];
        var before = problem.Graph[c.ImpactedId];
        var prerequisite = problem.Graph[c.PrerequisiteId];
        var slip = Math.Max(0, final[c.ImpactedId].NeededBy.DayNumber - before.NeededBy.DayNumber);
        var commitments = before.Commitments ?? [];
        var broken = slip > 0 ? commitments : choice == ResolutionKind.DescopeDependent ? [.. commitments.Where(x => !x.Contractual)] : [];
        var experiment = prerequisite.Kind == WorkItemKind.Experiment;
        var share = prerequisite.RevenueAtStake / Math.Max(1, problem.SharedBy.GetValueOrDefault(c.PrerequisiteId, 1));
        var (revenue, confidence) = choice switch
        {
            ResolutionKind.DescopeDependent => (experiment ? share : 0m, 1.0),
            ResolutionKind.ProceedAndRunAfter => (share * ImpactAssessor.UnvalidatedShipExposure, 0.0),
            _ when shortenedPower is { } p => (binding ? prerequisite.RevenueAtStake * (decimal)Math.Max(0, 1 - p / ImpactAssessor.PlannedPower) : 0m, p),
            _ => (0m, experiment ? ImpactAssessor.PlannedPower : 1.0),
        };
        return new BusinessImpact(revenue, broken.Count, broken.Sum(x => x.Accounts), broken.Count(x => x.Contractual), slip, confidence);
    }

    /// <summary>The conflicts' items and everything downstream of them, in dependency order: what a plan can change.</summary>
    internal static List<string> Affected(IReadOnlyDictionary<string, WorkItem> graph, IReadOnlyList<PlanConflict> conflicts)
    {
        var affected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in conflicts)
            foreach (var id in new[] { c.PrerequisiteId, c.ImpactedId })
                if (affected.Add(id)) affected.UnionWith(GraphLateness.Downstream(graph, id));
        return [.. GraphLateness.TopologicalOrder(graph).Where(affected.Contains)];
    }

    /// <summary>How many days <paramref name="item"/>'s prerequisites, as <paramref name="graph"/> has them, make it late.</summary>
    internal static int Late(WorkItem item, IReadOnlyDictionary<string, WorkItem> graph)
    {
        var late = 0;
        foreach (var dependency in item.DependsOn)
            if (graph.TryGetValue(dependency.ItemId, out var prerequisite))
                late = Math.Max(late, prerequisite.ReadyAt.AddDays(dependency.LeadDays).DayNumber - item.NeededBy.DayNumber);
        return late;
    }

    /// <summary>What the plan changes, item by item, in id order: its dates and the dependencies it drops.</summary>
    internal static string Signature(IReadOnlyDictionary<string, WorkItem> before, IReadOnlyDictionary<string, WorkItem> after)
    {
        var text = new StringBuilder();
        foreach (var (id, item) in after.Where(a => !ReferenceEquals(a.Value, before[a.Key])).OrderBy(a => a.Key, StringComparer.Ordinal))
            text.Append(id).Append(':').Append(item.Start.DayNumber).Append('-').Append(item.End.DayNumber).Append('-')
                .AppendJoin(',', item.DependsOn.Select(d => d.ItemId)).Append(';');
        return text.ToString();
    }
}
