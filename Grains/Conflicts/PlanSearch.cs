using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// Finds the cheapest joint plan for a group of conflicts (<see cref="PlanEvaluator"/> says what a plan costs). The
/// search walks the affected items in dependency order; at each it fixes what the plan does to the item — as a
/// dependent (keep, delay, descope, ship before its experiment) and as a prerequisite (keep, shorten it for the
/// dependent that needs it soonest, run it after the latest launch that goes ahead without it) — so by the time a
/// dependent is reached everything it waits for is settled and its conflict's cost is final. Costs never go down as
/// the walk goes on, so a branch that already costs more than the runner-up is cut: the answer is exact, and cheap for
/// the groups a studio has (a fan of six releases on one experiment compares a few dozen plans, not 4⁶). A group too
/// big for <see cref="NodeBudget"/> gets the best plan found within it, and says so.
/// </summary>
public static class PlanSearch
{
    /// <summary>Steps of the walk one search may take (a bound on a pathological group, not a limit anyone meets).</summary>
    public const long NodeBudget = 250_000;

    /// <summary>The order in which two plans that cost the same are preferred, conflict by conflict: the same order in
    /// which the policy breaks a tie between the options of one conflict; "nothing to do" last.</summary>
    private static int Rank(ResolutionKind? kind) => kind is { } k ? (int)k : 5;

    public static PlanSearchResult Search(PlanProblem problem)
    {
        var walk = new Walk(problem);
        walk.Run();
        return new PlanSearchResult(walk.Best, walk.RunnerUp, OneAtATime(problem), walk.Leaves, walk.Complete);
    }

    /// <summary>Whether <paramref name="a"/> is preferred to <paramref name="b"/>: cheaper (to the policy's 4 decimals),
    /// then by the choices in plan order.</summary>
    public static bool Better(PlanCandidate a, PlanCandidate b)
    {
        var (x, y) = (Math.Round(a.Cost, 4), Math.Round(b.Cost, 4));
        if (x != y) return x < y;
        for (var i = 0; i < a.Choices.Count; i++)
            if (Rank(a.Choices[i]) != Rank(b.Choices[i])) return Rank(a.Choices[i]) < Rank(b.Choices[i]);
        return false;
    }

    /// <summary>
    /// What deciding the conflicts one at a time, in plan order, would give — each taking its own cheapest way out
    /// against the decisions before it, which it may not contradict (a prerequisite an earlier decision keeps, shortens or
    /// runs after a launch stays so). Null when that would leave a conflict without a way out.
    /// </summary>
    public static PlanCandidate? OneAtATime(PlanProblem problem)
    {
        var n = problem.Conflicts.Count;
        var choices = new ResolutionKind?[n];
        var decided = new bool[n];
        var locked = new Dictionary<string, (ResolutionKind? Kind, DateOnly Date)>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            decided[i] = true;
            if (PlanEvaluator.Evaluate(problem, choices, decided) is not null) continue; // the decisions before it keep it on time

            var c = problem.Conflicts[i];
            var lockedHere = locked.TryGetValue(c.PrerequisiteId, out var l) ? l : ((ResolutionKind?, DateOnly)?)null;
            (ResolutionKind Kind, double Cost)? best = null;
            foreach (var kind in new[] { ResolutionKind.DelayDependent, ResolutionKind.ProceedAndRunAfter, ResolutionKind.ShortenPrerequisite, ResolutionKind.DescopeDependent })
            {
                if (!problem.Allows(i, kind) || !Agrees(problem, i, kind, lockedHere)) continue;
                choices[i] = kind;
                if (PlanEvaluator.Evaluate(problem, choices, decided) is { } plan && (best is null || Math.Round(plan.Costs[i], 4) < Math.Round(best.Value.Cost, 4)))
                    best = (kind, plan.Costs[i]);
            }

            if (best is not { } chosen) return null;
            choices[i] = chosen.Kind;
            locked.TryAdd(c.PrerequisiteId, chosen.Kind switch
            {
                ResolutionKind.ShortenPrerequisite => (chosen.Kind, problem.ShortenTarget(i)),
                ResolutionKind.ProceedAndRunAfter => (chosen.Kind, problem.Graph[c.ImpactedId].End),
                _ => (null, default),
            });
        }

        return PlanEvaluator.Evaluate(problem, choices);
    }

    /// <summary>Whether a way out leaves a prerequisite as an earlier decision instructed it.</summary>
    private static bool Agrees(PlanProblem problem, int index, ResolutionKind kind, (ResolutionKind? Kind, DateOnly Date)? locked) =>
        locked is not { } l || kind switch
        {
            ResolutionKind.ShortenPrerequisite => l.Kind == kind && problem.ShortenTarget(index) == l.Date,
            ResolutionKind.ProceedAndRunAfter => l.Kind == kind && problem.Graph[problem.Conflicts[index].ImpactedId].End <= l.Date,
            _ => true,
        };

    private sealed class Walk
    {
        private readonly PlanProblem _problem;
        private readonly IReadOnlyList<string> _items;
        private readonly Dictionary<string, int> _asDependent = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _asPrerequisite = new(StringComparer.Ordinal);
        private readonly IReadOnlySet<string> _lateBefore;
        private readonly Dictionary<string, WorkItem> _final;
        private readonly Dictionary<string, (ResolutionKind Kind, DateOnly Date, double Power)> _modes = new(StringComparer.Ordinal);
        private readonly ResolutionKind?[] _choices;
        private long _nodes;

        public Walk(PlanProblem problem)
        {
            _problem = problem;
            _items = problem.Affected;
            for (var i = 0; i < problem.Conflicts.Count; i++)
            {
                _asDependent[problem.Conflicts[i].ImpactedId] = i;
                if (!_asPrerequisite.TryGetValue(problem.Conflicts[i].PrerequisiteId, out var list)) _asPrerequisite[problem.Conflicts[i].PrerequisiteId] = list = [];
                list.Add(i);
            }

            _lateBefore = problem.LateBefore;
            _final = new Dictionary<string, WorkItem>(problem.Graph, StringComparer.Ordinal);
            _choices = new ResolutionKind?[problem.Conflicts.Count];
        }

        public PlanCandidate? Best { get; private set; }

        public PlanCandidate? RunnerUp { get; private set; }

        public long Leaves { get; private set; }

        public bool Complete => _nodes <= NodeBudget;

        public void Run() => Visit(0, 0);

        private void Visit(int position, double cost)
        {
            if (++_nodes > NodeBudget) return;
            if (RunnerUp is { } bound && Math.Round(cost, 4) > Math.Round(bound.Cost, 4)) return; // costs only grow from here
            if (position == _items.Count)
            {
                Leaf();
                return;
            }

            var id = _items[position];
            var index = _asDependent.TryGetValue(id, out var i) ? i : -1;
            IEnumerable<ResolutionKind?> choices = index < 0 ? [null] : DependentChoices(index);
            foreach (var choice in choices)
            {
                if (AsDependent(id, index, choice) is not { } item) continue;
                foreach (var mode in Modes(id, item))
                {
                    var after = mode is { } m ? Apply(item, m) : item;
                    if (after is null) continue;
                    _final[id] = after;
                    if (PlanEvaluator.Late(after, _final) <= 0 || (index < 0 && _lateBefore.Contains(id)))
                    {
                        if (index >= 0) _choices[index] = choice;
                        var own = index < 0 ? 0 : DecisionPolicy.Cost(PlanEvaluator.Impact(_problem, index, choice, _final, PowerOf(_problem.Conflicts[index].PrerequisiteId), binding: false),
                            _problem.Conflicts[index].Scales, _problem.Weights);
                        Visit(position + 1, cost + own);
                    }

                    _modes.Remove(id);
                }
            }

            _final[id] = _problem.Graph[id];
            if (index >= 0) _choices[index] = null;
        }

        private double? PowerOf(string prerequisiteId) =>
            _modes.TryGetValue(prerequisiteId, out var m) && m.Kind == ResolutionKind.ShortenPrerequisite ? m.Power : null;

        private IEnumerable<ResolutionKind?> DependentChoices(int index)
        {
            var c = _problem.Conflicts[index];
            var mode = _modes.TryGetValue(c.PrerequisiteId, out var m) ? m : ((ResolutionKind Kind, DateOnly Date, double Power)?)null;
            if (_problem.Allows(index, ResolutionKind.DelayDependent)) yield return ResolutionKind.DelayDependent;
            if (mode is { Kind: ResolutionKind.ProceedAndRunAfter } r && _problem.Graph[c.ImpactedId].End <= r.Date) yield return ResolutionKind.ProceedAndRunAfter;
            if (mode is { Kind: ResolutionKind.ShortenPrerequisite } s && _problem.ShortenTarget(index) == s.Date) yield return ResolutionKind.ShortenPrerequisite;
            if (_problem.Allows(index, ResolutionKind.DescopeDependent)) yield return ResolutionKind.DescopeDependent;
            yield return null;
        }

        /// <summary>The item as the plan leaves it as a dependent: without the dependency it descopes, moved by a delay.
        /// Null when the choice does nothing a keep would not (a delay of no days).</summary>
        private WorkItem? AsDependent(string id, int index, ResolutionKind? choice)
        {
            var item = _problem.Graph[id];
            if (choice is ResolutionKind.DescopeDependent or ResolutionKind.ProceedAndRunAfter)
                item = item with { DependsOn = [.. item.DependsOn.Where(d => d.ItemId != _problem.Conflicts[index].PrerequisiteId)] };
            if (choice != ResolutionKind.DelayDependent) return item;
            var residual = PlanEvaluator.Late(item, _final);
            return residual > 0 ? item with { Start = item.Start.AddDays(residual), End = item.End.AddDays(residual) } : null;
        }

        /// <summary>What the plan may do to the item as a prerequisite: keep it (null), shorten it for one of its
        /// dependents, or run it after one of their launches.</summary>
        private IEnumerable<(ResolutionKind Kind, DateOnly Date, double Power)?> Modes(string id, WorkItem item)
        {
            yield return null;
            if (!_asPrerequisite.TryGetValue(id, out var conflicts)) yield break;
            foreach (var target in conflicts.Where(i => _problem.Allows(i, ResolutionKind.ShortenPrerequisite)).Select(_problem.ShortenTarget).Distinct().Order())
                yield return (ResolutionKind.ShortenPrerequisite, target, 0);
            foreach (var launch in conflicts.Where(i => _problem.Allows(i, ResolutionKind.ProceedAndRunAfter)).Select(i => _problem.Graph[_problem.Conflicts[i].ImpactedId].End).Distinct().Order())
                yield return (ResolutionKind.ProceedAndRunAfter, launch, 0);
        }

        private WorkItem? Apply(WorkItem item, (ResolutionKind Kind, DateOnly Date, double Power) mode)
        {
            if (mode.Kind == ResolutionKind.ProceedAndRunAfter)
            {
                var duration = item.End.DayNumber - item.Start.DayNumber;
                _modes[item.ItemId] = mode;
                return item with { Start = mode.Date.AddDays(1), End = mode.Date.AddDays(1 + duration) };
            }

            var planned = item.End.DayNumber - item.Start.DayNumber;
            if (mode.Date <= item.Start || mode.Date >= item.End || planned <= 0) return null;
            var power = ImpactAssessor.Power((double)(mode.Date.DayNumber - item.Start.DayNumber) / planned);
            if (power < _problem.MinimumPower) return null;
            _modes[item.ItemId] = mode with { Power = power };
            return item with { End = mode.Date };
        }

        /// <summary>A complete walk: a plan if every shortened or run-after prerequisite has the dependent it was changed
        /// for; its cost, shortened tests included, is the evaluator's.</summary>
        private void Leaf()
        {
            foreach (var (prerequisite, mode) in _modes)
            {
                var forIt = _asPrerequisite[prerequisite].Any(i => _choices[i] == mode.Kind
                    && (mode.Kind == ResolutionKind.ShortenPrerequisite ? _problem.ShortenTarget(i) : _problem.Graph[_problem.Conflicts[i].ImpactedId].End) == mode.Date);
                if (!forIt) return;
            }

            Leaves++;
            if (PlanEvaluator.Evaluate(_problem, [.. _choices]) is not { } plan) return;
            if (Best is null) Best = plan;
            else if (plan.Signature == Best.Signature)
            {
                if (Better(plan, Best)) Best = plan;
            }
            else if (Better(plan, Best)) (RunnerUp, Best) = (Best, plan);
            else if (RunnerUp is null || Better(plan, RunnerUp)) RunnerUp = plan;
        }
    }
}
