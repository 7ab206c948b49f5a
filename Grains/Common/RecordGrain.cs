using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Grains.Common;

/// <summary>What a record grain stores: one record, once it is final.</summary>
[GenerateSerializer, Alias("orch.RecordState`1")]
public sealed class RecordState<TRecord> where TRecord : class
{
    [Id(0)] public TRecord? Record { get; set; }
}

/// <summary>
/// A record that has left its studio's live index (key <c>{studio}/{id}</c>), kept for the studio's whole life in a
/// grain of its own: the Producer files it through its outbox and looks it up when a retry or a late answer names
/// it. Filing may happen more than once; once a final record is kept, nothing replaces it. It calls no other grain.
/// </summary>
public abstract class RecordGrain<TRecord>(IPersistentState<RecordState<TRecord>> state) : Grain where TRecord : class
{
    /// <summary>Whether a record can still change (an open report can be resolved; a resolved one cannot).</summary>
    protected abstract bool IsFinal(TRecord record);

    public async Task Keep(TRecord record)
    {
        if (state.State.Record is { } kept && (IsFinal(kept) || Equals(kept, record))) return;
        state.State.Record = record;
        await state.WriteStateAsync();
    }

    public Task<TRecord?> Get()
    {
        // Most lookups are for ids never filed (a new report's id is looked up once): do not keep those in memory.
        if (state.State.Record is null) DeactivateOnIdle();
        return Task.FromResult(state.State.Record);
    }
}

/// <summary>Where record grains keep their record, and how they are keyed.</summary>
public static class RecordGrains
{
    public const string StateName = "record";

    public const string Storage = StudioStreams.Storage;

    public static string Key(string studioId, string id) => $"{studioId}/{id}";
}
