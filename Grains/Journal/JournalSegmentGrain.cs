using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orleans.Concurrency;

namespace Orchestration.Grains.Journal;

/// <summary>One segment of a studio's journal (key <c>{studio}/{index}</c>, see <see cref="JournalSegments"/>).
/// Only the Producer appends and only the journal reader reads; it calls no other grain.</summary>
[Alias("orch.IJournalSegmentGrain")]
public interface IJournalSegmentGrain : IGrainWithStringKey
{
    /// <summary>Stores the events this segment lacks; events it already holds (a retried delivery) are skipped.</summary>
    [Alias("Append")]
    Task Append(IReadOnlyList<StudioEvent> events);

    /// <summary>The segment's events whose sequence is greater than <paramref name="after"/>, oldest first.</summary>
    [ReadOnly, Alias("Read")]
    Task<IReadOnlyList<StudioEvent>> Read(long after);
}

[GenerateSerializer, Alias("orch.JournalSegmentState")]
public sealed class JournalSegmentState
{
    [Id(0)] public List<StudioEvent> Events { get; set; } = [];
}

public sealed class JournalSegmentGrain(
    [PersistentState("journal", StudioStreams.Storage)] IPersistentState<JournalSegmentState> state) : Grain, IJournalSegmentGrain
{
    private long Index => JournalSegments.Parse(this.GetPrimaryKeyString()).Index;

    public async Task Append(IReadOnlyList<StudioEvent> events)
    {
        var fresh = JournalSegments.NewEvents(Index, state.State.Events, events);
        if (fresh.Count == 0) return;
        state.State.Events.AddRange(fresh);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: forget them, so the Producer's retry stores them rather than taking them for duplicates.
            state.State.Events.RemoveRange(state.State.Events.Count - fresh.Count, fresh.Count);
            DeactivateOnIdle();
            throw;
        }

        // A full segment is never written again: let it leave memory once idle.
        if (state.State.Events[^1].Sequence == JournalSegments.LastOf(Index)) DeactivateOnIdle();
    }

    public Task<IReadOnlyList<StudioEvent>> Read(long after) =>
        Task.FromResult<IReadOnlyList<StudioEvent>>([.. state.State.Events.Where(e => e.Sequence > after)]);
}
