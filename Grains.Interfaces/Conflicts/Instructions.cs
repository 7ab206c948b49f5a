using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Conflicts;

/// <summary>
/// What an action item asks of a work item, for any agent to apply: new dates, and for a descope the dependency it
/// drops. The Producer counts an instruction as applied when the declared item shows it, so an agent applies it by
/// declaring <see cref="AppliedTo"/> of its item, then acknowledges the decision.
/// </summary>
public static class Instructions
{
    /// <summary>The work item as it is once <paramref name="action"/> is applied to it.</summary>
    public static WorkItem AppliedTo(this ActionItem action, WorkItem item) => item with
    {
        Start = action.NewStart ?? item.Start,
        End = action.NewEnd ?? item.End,
        DependsOn = action.Action == ActionKind.Descope ? [.. item.DependsOn.Where(d => d.ItemId != action.DropDependencyOn)] : item.DependsOn,
    };

    /// <summary>Whether <paramref name="item"/> already is what <paramref name="action"/> asks of it.</summary>
    public static bool IsShownBy(this ActionItem action, WorkItem item) =>
        (action.NewStart is not { } start || item.Start == start)
        && (action.NewEnd is not { } end || item.End == end)
        && (action.Action != ActionKind.Descope || item.DependsOn.All(d => d.ItemId != action.DropDependencyOn));
}
