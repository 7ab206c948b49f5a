using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// The instructions in force — the action items of every decided conflict not yet resolved — as one plan, at most one
/// instruction per work item. New decisions are taken against the graph as this plan will leave it and may not
/// contradict it, so the agents get one coherent set of dates whatever order they apply them in. An instruction its
/// item's owner has applied (the item now has those dates) or declared otherwise is a fact of the graph, no longer a
/// projection; it still binds later decisions until its conflict is resolved.
/// </summary>
public sealed class PlanInForce
{
    private readonly Dictionary<string, (ActionItem Action, string DecisionId)> _instructions = new(StringComparer.Ordinal);

    /// <summary>The plan of the decided conflicts among <paramref name="active"/>, leaving out <paramref name="except"/>
    /// (the conflict being decided again, whose own instructions a new decision replaces).</summary>
    public static PlanInForce Of(IEnumerable<Conflict> active, string? except = null)
    {
        var plan = new PlanInForce();
        foreach (var conflict in active.Where(c => c.Status == ConflictStatus.Decided && c.ConflictId != except && c.Decision is not null)
                     .OrderBy(c => c.Decision!.DecidedAt).ThenBy(c => c.ConflictId.Length).ThenBy(c => c.ConflictId, StringComparer.Ordinal))
            foreach (var action in conflict.Decision!.ActionItems.Where(a => a.Status != ActionStatus.Deviated))
                plan._instructions.TryAdd(action.ItemId, (action, conflict.Decision.DecisionId));
        return plan;
    }

    public bool Instructs(string itemId) => _instructions.ContainsKey(itemId);

    /// <summary>The items this plan instructs: a new plan may not move them.</summary>
    public IReadOnlySet<string> Instructed => _instructions.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The graph as the plan will leave it: each item with an instruction not yet applied at its instruction's dates
    /// (a descoped dependency dropped). Applied and deviated instructions are already what the graph says.
    /// </summary>
    public Dictionary<string, WorkItem> Project(IReadOnlyDictionary<string, WorkItem> items)
    {
        var graph = new Dictionary<string, WorkItem>(items, StringComparer.Ordinal);
        foreach (var (id, (action, _)) in _instructions)
            if (action.Status is ActionStatus.Open or ActionStatus.Overdue && graph.TryGetValue(id, out var item))
                graph[id] = Apply(item, action);
        return graph;
    }

    /// <summary>The item as it will be once <paramref name="action"/> is applied.</summary>
    public static WorkItem Apply(WorkItem item, ActionItem action) => action.AppliedTo(item);

    /// <summary>Whether <paramref name="item"/> already is what <paramref name="action"/> asks of it.</summary>
    public static bool Shows(WorkItem item, ActionItem action) => action.IsShownBy(item);

    /// <summary>What the plan says of an item, for a rationale: "decision-3 moves exp-1 to 2026-12-01 – 2026-12-20".</summary>
    public string Describe(string itemId) =>
        _instructions.TryGetValue(itemId, out var planned)
            ? $"{planned.DecisionId} {(planned.Action.Action == ActionKind.Reschedule ? "moves" : "keeps")} {itemId} {planned.Action.NewStart:yyyy-MM-dd} – {planned.Action.NewEnd:yyyy-MM-dd}"
            : $"{itemId} is not in the plan";

    /// <summary>
    /// The option as it fits the plan: instructions the plan already gives are left out (one instruction per item);
    /// null if it would give an item in the plan different dates (a contradiction the agents could not apply).
    /// </summary>
    public ResolutionOption? Fit(ResolutionOption option)
    {
        var own = new List<ActionItem>();
        foreach (var action in option.ActionItems)
        {
            if (!_instructions.TryGetValue(action.ItemId, out var planned))
            {
                own.Add(action);
                continue;
            }

            if (planned.Action.NewStart != action.NewStart || planned.Action.NewEnd != action.NewEnd) return null;
            if (action.Action == ActionKind.Descope && action.DropDependencyOn != planned.Action.DropDependencyOn) own.Add(action);
        }

        return own.Count == option.ActionItems.Count ? option : option with { ActionItems = own };
    }
}
