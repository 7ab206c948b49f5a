using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// One conflict of a group decided together: <see cref="ImpactedId"/> needs <see cref="PrerequisiteId"/>
/// <see cref="LeadDays"/> days ahead and would get it late. <see cref="Scales"/> are the largest values of each criterion
/// among its own options, so its share of a joint plan's cost reads on the same scale as a decision taken alone.
/// </summary>
public sealed record PlanConflict(string ConflictId, string PrerequisiteId, string ImpactedId, int LeadDays, CostScales Scales);

/// <summary>
/// The conflicts of one cause, to be decided as one plan: the graph as the decisions in force will leave it, the
/// conflicts in their order (closest to the cause first), the items other decisions already instruct (a plan may not
/// move them), how many items share each prerequisite (each has its share of an experiment's revenue at stake), the
/// strategy's weights and the least power a shortened experiment may keep.
/// </summary>
public sealed record PlanProblem(
    IReadOnlyDictionary<string, WorkItem> Graph,
    IReadOnlyList<PlanConflict> Conflicts,
    IReadOnlySet<string> Frozen,
    IReadOnlyDictionary<string, int> SharedBy,
    CostWeights Weights,
    double MinimumPower)
{
    private List<string>? _affected;
    private HashSet<string>? _lateBefore;

    /// <summary>The conflicts' items and everything downstream of them, in dependency order: what a plan can change.</summary>
    public IReadOnlyList<string> Affected => _affected ??= PlanEvaluator.Affected(Graph, Conflicts);

    /// <summary>Items late for a prerequisite before any plan: a plan may not make any other item late.</summary>
    public IReadOnlySet<string> LateBefore => _lateBefore ??= GraphLateness.LateEdges(Graph).Select(e => e.DependentId).ToHashSet(StringComparer.Ordinal);

    /// <summary>When the shortened prerequisite of conflict <paramref name="index"/> must end for it to be in time.</summary>
    public DateOnly ShortenTarget(int index) =>
        Graph[Conflicts[index].ImpactedId].NeededBy.AddDays(-Conflicts[index].LeadDays);

    /// <summary>Whether conflict <paramref name="index"/> may take a way out of this kind at all (by the items' kinds and
    /// the decisions in force), before what the rest of the plan does is known.</summary>
    public bool Allows(int index, ResolutionKind kind)
    {
        var conflict = Conflicts[index];
        var prerequisite = Graph[conflict.PrerequisiteId];
        var impacted = Graph[conflict.ImpactedId];
        return kind switch
        {
            ResolutionKind.DelayDependent => !Frozen.Contains(impacted.ItemId),
            ResolutionKind.DescopeDependent => impacted.Kind == WorkItemKind.Release && !Frozen.Contains(impacted.ItemId),
            ResolutionKind.ShortenPrerequisite or ResolutionKind.ProceedAndRunAfter =>
                prerequisite.Kind == WorkItemKind.Experiment && impacted.Kind == WorkItemKind.Release
                && !Frozen.Contains(prerequisite.ItemId) && (kind == ResolutionKind.ShortenPrerequisite || !Frozen.Contains(impacted.ItemId)),
            _ => false,
        };
    }
}

/// <summary>
/// A joint plan: the way out each conflict takes (null: none — the rest of the plan keeps it on time), the graph as the
/// plan leaves it, what it costs each conflict and in all. <see cref="Signature"/> tells plans apart by what they do to
/// the graph (two plans that differ only in which conflict is credited with a shortened test are one plan).
/// </summary>
public sealed record PlanCandidate(
    IReadOnlyList<ResolutionKind?> Choices,
    IReadOnlyDictionary<string, WorkItem> Final,
    IReadOnlyList<BusinessImpact> Impacts,
    IReadOnlyList<double> Costs,
    double Cost,
    string Signature);

/// <summary>What the search found: the cheapest plan, the cheapest plan that does something else (for "too close to
/// call"), the plan that deciding one conflict at a time would have given (for the explanation), and how many plans
/// it compared.</summary>
public sealed record PlanSearchResult(PlanCandidate? Best, PlanCandidate? RunnerUp, PlanCandidate? OneAtATime, long Compared, bool Complete);
