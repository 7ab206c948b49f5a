using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Conflicts;

/// <summary>Deciding: the open conflicts in groups that must be decided together (<see cref="ConflictGroups"/>); a
/// lone conflict by the policy on its own options, a group by the cheapest joint plan (<see cref="PlanSearch"/>).</summary>
public sealed partial class ConflictWorkflow
{
    private bool DecideGroups()
    {
        if (!Active().Any(c => c.Status == ConflictStatus.Open)) return false;
        var inForce = PlanInForce.Of(Active());
        var planned = inForce.Project(state.WorkItems);
        var late = GraphLateness.Of(planned);
        var undecided = InOrder(Active().Where(c => c.Status is ConflictStatus.Open or ConflictStatus.PendingDecision && late.ContainsKey(c.ImpactedItemId))).ToList();
        var decided = false;
        foreach (var group in ConflictGroups.Of([.. undecided.Select(c => new PlannedConflict(c.ConflictId, late[c.ImpactedItemId]))], planned))
        {
            var members = group.Select(g => state.Conflicts[g.ConflictId]).ToList();
            if (members.All(m => m.Status != ConflictStatus.Open)) continue; // held as a whole: it waits for a human
            foreach (var held in members.Where(m => m.Status == ConflictStatus.PendingDecision))
                Reopen(held, $"{held.ConflictId} reassessed with {string.Join(", ", members.Where(m => m.Status == ConflictStatus.Open).Select(m => m.ConflictId))}, which it is decided with");
            var problem = ConflictGroups.Problem(group, planned, inForce.Instructed, state.CurrentStrategy, _settings, Now);
            if (problem.Conflicts.Count == 1) DecideAlone(problem, inForce);
            else DecideTogether(problem);
            decided = true;
        }

        return decided;
    }

    /// <summary>A conflict alone: its options that fit the decisions in force and keep it on time, scored by the policy.</summary>
    private void DecideAlone(PlanProblem problem, PlanInForce inForce)
    {
        var conflict = state.Conflicts[problem.Conflicts[0].ConflictId];
        var (options, notOffered) = Standalone(problem, 0);
        var fitting = options.Select(inForce.Fit).OfType<ResolutionOption>().Where(o => PlanEvaluator.Evaluate(problem, [o.Kind]) is not null).ToList();
        if (fitting.Count == 0)
        {
            Hold(conflict, [], null, $"no option fits the decisions in force ({inForce.Describe(conflict.ViaItemId)}).{notOffered}");
            return;
        }

        switch (DecisionPolicy.Evaluate(fitting, state.CurrentStrategy, _settings))
        {
            case var outcome when MustHold(conflict) is { } because:
                var best = outcome.Scored[0];
                Hold(conflict, outcome.Scored, best.OptionId, $"{because}; recommended: {best.OptionId} ({best.Summary}; cost {DecisionPolicy.F(best.Score)} points).{notOffered}");
                break;
            case PolicyOutcome.Hold hold:
                Hold(conflict, hold.Scored, hold.Recommended.OptionId, hold.Because + notOffered);
                break;
            case PolicyOutcome.Decide decide:
                Decide(conflict with { Options = decide.Scored }, decide.Chosen, "policy", decide.Rationale + notOffered, decide.Rejected, @override: null);
                break;
        }
    }

    /// <summary>
    /// Conflicts of one cause, as one plan: the cheapest combination of ways out, counting every knock-on effect
    /// (<see cref="PlanEvaluator"/>). Each conflict the plan acts on is decided with the option it takes there, with
    /// the plan's dates; one the plan keeps on time is superseded; the rationale says what deciding them one at a time
    /// would have cost. Held for a human as a whole when the strategy asks for it, when two different plans are too
    /// close to call, or when one of them must wait for a human.
    /// </summary>
    private void DecideTogether(PlanProblem problem)
    {
        var members = problem.Conflicts.Select(c => state.Conflicts[c.ConflictId]).ToList();
        var standalone = members.Select((_, i) => Standalone(problem, i)).ToList();
        var search = PlanSearch.Search(problem);
        var weights = problem.Weights;
        var ids = string.Join(", ", members.Select(m => m.ConflictId));
        if (search.Best is not { } best)
        {
            for (var i = 0; i < members.Count; i++)
                Hold(members[i], standalone[i].Options, null, $"no plan keeps all of {ids} on time within the decisions in force.{standalone[i].NotOffered}");
            return;
        }

        // One instruction per item: an item the plan instructs is told once, in the first decision that names it.
        var instructed = new HashSet<string>(StringComparer.Ordinal);
        var options = members.Select((m, i) => best.Choices[i] is null ? null : PlanOptions.For(problem, best, i, m.ConflictId, Now) is var option
            ? option with { ActionItems = [.. option.ActionItems.Where(a => instructed.Add(a.ItemId))] } : null).ToList();
        var plan = $"{PlanOptions.Describe(problem, best)}; {DecisionPolicy.Points(best.Cost, weights, members.Count)}";
        var constraint = state.CurrentStrategy?.Constraints.FirstOrDefault(c => c.Contains(DecisionPolicy.HumanApproval, StringComparison.OrdinalIgnoreCase));
        var held = members.Select(MustHold).FirstOrDefault(r => r is not null) is { } must ? $"{must}; held with {ids}, which are decided together"
            : constraint is not null ? $"the strategy requires a human decision (\"{constraint}\")"
            : search.RunnerUp is { } next && next.Cost - best.Cost < DecisionPolicy.CloseCallMargin * weights.Total
                ? $"too close to call: the cheapest plan for {ids} costs {DecisionPolicy.F(best.Cost)} and the next ({PlanOptions.Describe(problem, next)}) " +
                  $"{DecisionPolicy.F(next.Cost)} points (margin under {DecisionPolicy.CloseCallMargin:P0} of {DecisionPolicy.F(weights.Total)}, one decision's weight)"
            : null;
        if (held is not null)
        {
            for (var i = 0; i < members.Count; i++)
                Hold(members[i], WithPlanned(standalone[i].Options, options[i]), options[i]?.OptionId,
                    $"{held}; recommended as one plan: {plan}{(options[i] is null ? $" (it keeps {members[i].ImpactedItemId} on time)" : "")}.{standalone[i].NotOffered}");
            return;
        }

        var order = weights == DecisionPolicy.Weigh(null) ? "no priorities set" : $"priorities {string.Join(" > ", state.CurrentStrategy!.Priorities)}";
        var comparison = search.OneAtATime is not { } greedy ? " Decided one at a time, closest first, one of them would have had no way out."
            : Math.Round(greedy.Cost, 2) > Math.Round(best.Cost, 2)
                ? $" Deciding them one at a time, closest first, would cost {DecisionPolicy.F(greedy.Cost)} points: {PlanOptions.Describe(problem, greedy)}."
                : " Deciding them one at a time gives the same cost.";
        var decisions = new List<string>();
        for (var i = 0; i < members.Count; i++)
        {
            if (options[i] is not { } option) continue;
            var others = string.Join(", ", members.Where((_, j) => j != i).Select(m => m.ConflictId));
            var rationale = $"{option.Summary}. Decided with {others} as one plan: the cheapest, {DecisionPolicy.Points(best.Cost, weights, members.Count)} under {order} " +
                            $"({PlanOptions.Describe(problem, best)}); this conflict's part is {DecisionPolicy.F(best.Costs[i])} points: {DecisionPolicy.Describe(option.Impact, _settings)}.{comparison}{standalone[i].NotOffered}";
            var rejected = standalone[i].Options.Where(o => o.OptionId != option.OptionId)
                .Select(o => new RejectedOption(o.OptionId, $"costs {DecisionPolicy.F(o.Score)} points alone, but is not part of the cheapest plan: {DecisionPolicy.Describe(o.Impact, _settings)}"))
                .ToList();
            Decide(members[i] with { Options = WithPlanned(standalone[i].Options, option) }, option, "policy", rationale, rejected, @override: null);
            decisions.Add(state.Conflicts[members[i].ConflictId].Decision!.DecisionId);
        }

        for (var i = 0; i < members.Count; i++)
            if (options[i] is null)
                Close(members[i] with
                {
                    Status = ConflictStatus.Superseded,
                    SupersededBecause = $"decided with {string.Join(", ", members.Where((_, j) => options[j] is not null).Select(m => m.ConflictId))} as one plan " +
                                        $"({string.Join(", ", decisions)}), which keeps {members[i].ImpactedItemId} on time: {PlanOptions.Describe(problem, best)}",
                });
    }

    /// <summary>A conflict's own options as the policy scores them alone, and the ones not offered.</summary>
    private (IReadOnlyList<ResolutionOption> Options, string NotOffered) Standalone(PlanProblem problem, int index)
    {
        var c = problem.Conflicts[index];
        var late = GraphLateness.Of(problem.Graph)[c.ImpactedId];
        var assessment = ImpactAssessor.Assess(c.ConflictId, problem.Graph[c.PrerequisiteId], problem.Graph[c.ImpactedId], late.Days, c.LeadDays, Now, _settings,
            problem.SharedBy.GetValueOrDefault(c.PrerequisiteId, 1));
        var scored = assessment.Options.Count == 0 ? [] : DecisionPolicy.Evaluate(assessment.Options, state.CurrentStrategy, _settings).Scored;
        return (scored, assessment.NotOffered.Count == 0 ? "" : $" Not offered: {string.Join("; ", assessment.NotOffered)}.");
    }

    /// <summary>The options to show, with the one the plan takes as the plan has it (its dates and cost in the plan).</summary>
    private static IReadOnlyList<ResolutionOption> WithPlanned(IReadOnlyList<ResolutionOption> options, ResolutionOption? planned) =>
        planned is null ? options : [.. options.Select(o => o.OptionId == planned.OptionId ? planned with { Score = o.Score } : o)];

    /// <summary>Why a conflict must wait for a human whatever the policy says, if it must.</summary>
    private string? MustHold(Conflict conflict) =>
        state.HeldForHuman.TryGetValue(conflict.ConflictId, out var because) ? because
        : Raises(conflict) > _settings.RaisesBeforeHuman
            ? $"raised {Raises(conflict)} times on {conflict.ViaItemId} → {conflict.ImpactedItemId} (more than the studio's {_settings.RaisesBeforeHuman}): a human decides it"
            : null;

    private void Hold(Conflict conflict, IReadOnlyList<ResolutionOption> options, string? recommended, string because)
    {
        state.Conflicts[conflict.ConflictId] = conflict with { Status = ConflictStatus.PendingDecision, Options = options, HeldBecause = because, RecommendedOptionId = recommended };
        changes.Event(seq => new DecisionHeld(changes.StudioId, seq, Now, $"{conflict.ConflictId} waits for a human: {because}", conflict.ConflictId, because));
    }

    /// <summary>
    /// A decision changes the plan every other decision is taken against: a conflict held for a human whose options
    /// no longer fit it is assessed again (and may now be decided, or held with options that fit).
    /// </summary>
    private bool ReopenStale()
    {
        var stale = Active().Where(c => c.Status == ConflictStatus.PendingDecision && !state.HeldForHuman.ContainsKey(c.ConflictId))
            .Where(c => PlanInForce.Of(Active(), except: c.ConflictId) is var plan && c.Options.Any(o => plan.Fit(o) != o)).ToList();
        foreach (var held in stale)
            Reopen(held, $"{held.ConflictId} reassessed against the decisions in force (it was held: {held.HeldBecause})");
        return stale.Count > 0;
    }

    /// <summary>The conflicts held with <paramref name="conflict"/> as one group: when a human decides one, the others are
    /// decided again against it.</summary>
    private List<Conflict> HeldPartnersOf(Conflict conflict)
    {
        var planned = PlanInForce.Of(Active()).Project(state.WorkItems);
        var late = GraphLateness.Of(planned);
        var held = Active().Where(c => c.Status == ConflictStatus.PendingDecision && late.ContainsKey(c.ImpactedItemId)).ToList();
        var group = ConflictGroups.Of([.. held.Select(c => new PlannedConflict(c.ConflictId, late[c.ImpactedItemId]))], planned)
            .FirstOrDefault(g => g.Any(c => c.ConflictId == conflict.ConflictId)) ?? [];
        return [.. group.Where(c => c.ConflictId != conflict.ConflictId).Select(c => state.Conflicts[c.ConflictId])];
    }

    /// <summary>The option as it fits the other decisions in force; refused if it would contradict one of them.</summary>
    private ResolutionOption Fitting(Conflict conflict, ResolutionOption option) =>
        PlanInForce.Of(Active(), except: conflict.ConflictId) is var plan && plan.Fit(option) is { } fitted ? fitted
        : throw new InvalidRequestException("request.optionId",
            $"'{option.OptionId}' contradicts a decision in force: {string.Join("; ", option.ActionItems.Where(a => plan.Instructs(a.ItemId)).Select(a => plan.Describe(a.ItemId)))}");

    /// <summary>Refuses options whose items would still be late once they (decided together) and the decisions in force
    /// are applied — a second late prerequisite, say: a decision must keep its item on time.</summary>
    private void KeepsOnTime(IReadOnlyList<(Conflict Conflict, ResolutionOption Option)> decisions)
    {
        var graph = PlanInForce.Of(Active().Where(c => decisions.All(d => d.Conflict.ConflictId != c.ConflictId))).Project(state.WorkItems);
        foreach (var action in decisions.SelectMany(d => d.Option.ActionItems))
            if (graph.TryGetValue(action.ItemId, out var item)) graph[action.ItemId] = PlanInForce.Apply(item, action);
        foreach (var (conflict, option) in decisions)
            if (graph.TryGetValue(conflict.ImpactedItemId, out var impacted) && PlanEvaluator.Late(impacted, graph) is var days and > 0)
                throw new InvalidRequestException("request.optionId",
                    $"'{option.OptionId}' would leave {conflict.ImpactedItemId} {Wording.Days(days)} late: " +
                    $"{string.Join(", ", impacted.DependsOn.Where(d => graph.TryGetValue(d.ItemId, out var p) && p.ReadyAt.AddDays(d.LeadDays) > impacted.NeededBy).Select(d => d.ItemId))} " +
                    "would still be ready after it needs them");
    }
}
