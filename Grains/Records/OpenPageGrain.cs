using Orchestration.Grains.Interfaces.Streams;
using Orleans.Concurrency;

namespace Orchestration.Grains.Records;

/// <summary>
/// One page of a studio's open records of one book (key <c>{studio}/open:{book}:{n}</c>). Only the Producer writes
/// it, through its outbox, and reads it, when it activates; it calls nothing.
/// </summary>
[Alias("orch.IOpenPageGrain")]
public interface IOpenPageGrain : IGrainWithStringKey
{
    /// <summary>Applies the changes in order (a record as it is now, or its removal) in one write; a repeat changes
    /// nothing.</summary>
    [Alias("Apply")]
    Task Apply(IReadOnlyList<OpenEntry> entries);

    [ReadOnly, Alias("Get")]
    Task<IReadOnlyList<OpenEntry>> Get();
}

[GenerateSerializer, Alias("orch.OpenPageState")]
public sealed class OpenPageState
{
    [Id(0)] public Dictionary<string, object> Records { get; set; } = new(StringComparer.Ordinal);
}

public sealed class OpenPageGrain(
    [PersistentState("open", StudioStreams.Storage)] IPersistentState<OpenPageState> state) : Grain, IOpenPageGrain
{
    /// <summary>A change this activation holds that storage refused: the next Apply writes, even a repeat.</summary>
    private bool _unstored;

    public async Task Apply(IReadOnlyList<OpenEntry> entries)
    {
        if (!OpenPage.Apply(state.State.Records, entries) && !_unstored) return;
        try
        {
            await state.WriteStateAsync();
            _unstored = false;
        }
        catch
        {
            _unstored = true; // the Producer applies it again (its outbox keeps it until a write succeeds)
            throw;
        }
    }

    public Task<IReadOnlyList<OpenEntry>> Get() =>
        Task.FromResult<IReadOnlyList<OpenEntry>>([.. state.State.Records.Select(r => new OpenEntry(r.Key, r.Value))]);
}
