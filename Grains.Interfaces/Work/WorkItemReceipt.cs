namespace Orchestration.Grains.Interfaces.Work;

/// <summary>The Producer recorded the item (persisted) and raised these conflicts from it.</summary>
/// <param name="Changed">False when the declaration was identical to the one recorded: nothing happened.</param>
[GenerateSerializer, Immutable, Alias("orch.WorkItemReceipt")]
public sealed record WorkItemReceipt(string ItemId, bool Changed, IReadOnlyList<string> ConflictsRaised);
