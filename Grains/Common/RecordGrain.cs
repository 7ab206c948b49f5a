using Orchestration.Grains.Interfaces.Streams;
using Orleans.Concurrency;

namespace Orchestration.Grains.Common;

/// <summary>
/// A record that has left its studio's live index, kept for the studio's whole life in a grain of its own (key
/// <c>{studio}/{id}</c>, see <see cref="RecordKeys"/>; the type argument says what kind of record it is). The
/// Producer files it through its outbox and looks it up when a retry or a late answer names it.
/// </summary>
[Alias("orch.IRecordGrain`1")]
public interface IRecordGrain<TRecord> : IGrainWithStringKey where TRecord : class
{
    /// <summary>Keeps the record, replacing what was kept: a record is filed each time it closes (a conflict can be
    /// overridden after it closed, and closes again), and a repeated delivery files the same record again.</summary>
    [Alias("Keep")]
    Task Keep(TRecord record);

    [ReadOnly, Alias("Get")]
    Task<TRecord?> Get();
}

/// <summary>What a record grain stores: one record, as last filed.</summary>
[GenerateSerializer, Alias("orch.RecordState`1")]
public sealed class RecordState<TRecord> where TRecord : class
{
    [Id(0)] public TRecord? Record { get; set; }
}

/// <summary>Records are filed when they close (resolved, settled, applied); the Producer files one id's filings in
/// order, so the last kept is the latest. It calls no other grain.</summary>
public sealed class RecordGrain<TRecord>(
    [PersistentState("record", StudioStreams.Storage)] IPersistentState<RecordState<TRecord>> state) : Grain, IRecordGrain<TRecord> where TRecord : class
{
    public async Task Keep(TRecord record)
    {
        if (Equals(state.State.Record, record)) return;
        var previous = state.State.Record;
        state.State.Record = record;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: forget it, so the Producer's redelivery writes it rather than taking it for kept.
            state.State.Record = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<TRecord?> Get()
    {
        // Most lookups are for ids never filed (a new report's id is looked up once): do not keep those in memory.
        if (state.State.Record is null) DeactivateOnIdle();
        return Task.FromResult(state.State.Record);
    }
}
