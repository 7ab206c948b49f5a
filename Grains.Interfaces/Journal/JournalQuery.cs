namespace Orchestration.Grains.Interfaces.Journal;

/// <summary>A page of the studio's journal to read.</summary>
/// <param name="After">Read events whose sequence is greater than this (0: from the studio's first event).</param>
/// <param name="Limit">At most this many events (1 to <see cref="MaxLimit"/>).</param>
/// <param name="Kinds">Only events of these types (their type names, e.g. <c>DecisionRecorded</c>); empty or null: every event.</param>
[GenerateSerializer, Immutable, Alias("orch.JournalQuery")]
public sealed record JournalQuery(long After, int Limit, IReadOnlyList<string>? Kinds = null)
{
    public const int MaxLimit = 1_000;
}
