namespace Orchestration.Grains.Interfaces.Work;

/// <summary>
/// "This item needs <paramref name="ItemId"/>": the prerequisite must be ready <paramref name="LeadDays"/> days before
/// this item needs it (an experiment needs its prerequisite by its start; a release by its committed date).
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.Dependency")]
public sealed record Dependency(string ItemId, int LeadDays = 0);
