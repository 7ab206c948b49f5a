using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Interfaces.Conflicts;

[GenerateSerializer, Alias("orch.ActionKind")]
public enum ActionKind
{
    /// <summary>Keep the item as planned.</summary>
    Keep = 1,

    /// <summary>Move the item to <see cref="ActionItem.NewStart"/> – <see cref="ActionItem.NewEnd"/>.</summary>
    Reschedule = 2,

    /// <summary>Drop the part of the item that depends on the named prerequisite.</summary>
    Descope = 3,
}

[GenerateSerializer, Alias("orch.ActionStatus")]
public enum ActionStatus
{
    Open = 1,

    /// <summary>Applied: its item has the dates (and the scope) it asks for.</summary>
    Done = 2,

    /// <summary>Past its due date and not applied.</summary>
    Overdue = 3,

    /// <summary>Its item's owner declared other dates than it asks for: the declaration stands, and the conflict is
    /// looked at again against it.</summary>
    Deviated = 4,
}

/// <summary>What one agent must do about one item, by when. Agents apply it and acknowledge; the Producer follows up.</summary>
[GenerateSerializer, Immutable, Alias("orch.ActionItem")]
public sealed record ActionItem(
    string ActionItemId,
    string AgentId,
    string ItemId,
    WorkItemKind ItemKind,
    ActionKind Action,
    string Instruction,
    DateTimeOffset Due,
    DateOnly? NewStart = null,
    DateOnly? NewEnd = null,
    string? DropDependencyOn = null,
    ActionStatus Status = ActionStatus.Open,
    DateTimeOffset? CompletedAt = null);
