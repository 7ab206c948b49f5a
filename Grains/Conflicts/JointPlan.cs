using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// The instructions in force — the action items of every decided conflict not yet applied — as one plan, at most
/// one instruction per work item. A new decision is taken against the graph as it will be once the plan is applied,
/// and may only add instructions that agree with it: so conflicts that share a prerequisite (two releases waiting
/// for one experiment) or a chain are decided together, and the agents get one coherent set of dates whatever order
/// they apply them in.
/// </summary>
public sealed class JointPlan
{
    private readonly Dictionary<string, (ActionItem Action, string DecisionId)> _instructions = new(StringComparer.Ordinal);

    /// <summary>The plan of the decided conflicts among <paramref name="active"/>, leaving out <paramref name="except"/>
    /// (the conflict being decided again, whose own instructions a new decision replaces).</summary>
    public static JointPlan InForce(IEnumerable<Conflict> active, string? except = null)
    {
        var plan = new JointPlan();
        foreach (var conflict in active.Where(c => c.Status == ConflictStatus.Decided && c.ConflictId != except && c.Decision is not null)
                     .OrderBy(c => c.Decision!.DecidedAt).ThenBy(c => c.ConflictId, StringComparer.Ordinal))
            foreach (var action in conflict.Decision!.ActionItems)
                plan._instructions.TryAdd(action.ItemId, (action, conflict.Decision.DecisionId));
        return plan;
    }

    public bool Instructs(string itemId) => _instructions.ContainsKey(itemId);

    /// <summary>The item as it will be once its instruction is applied (new dates; a descoped dependency dropped).</summary>
    public WorkItem Project(WorkItem item)
    {
        if (!_instructions.TryGetValue(item.ItemId, out var planned)) return item;
        var action = planned.Action;
        return item with
        {
            Start = action.NewStart ?? item.Start,
            End = action.NewEnd ?? item.End,
            DependsOn = action.Action == ActionKind.Descope ? [.. item.DependsOn.Where(d => d.ItemId != action.DropDependencyOn)] : item.DependsOn,
        };
    }

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
