using Orchestration.Grains.Interfaces.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

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
/// order, so the last kept is the latest. It calls no other grain.
/// Storage is read only when needed: most records are filed once, into a blob that does not exist yet, so
/// <see cref="Keep"/> first writes as "create only" and reads only if something is already there (a repeated
/// delivery, or a conflict filed again after an override). A lookup reads once per activation. The blobs are the ones
/// <c>[PersistentState("record")]</c> wrote, so records filed before are read as they were.</summary>
public sealed class RecordGrain<TRecord> : Grain, IRecordGrain<TRecord> where TRecord : class
{
    private const string StateName = "record";

    private readonly IGrainStorage _storage;
    private readonly GrainState<RecordState<TRecord>> _state = new(new RecordState<TRecord>());
    private bool _read;

    private RecordState<TRecord> Current => _state.State ??= new RecordState<TRecord>();

    public RecordGrain(IServiceProvider services) => _storage = services.GetRequiredKeyedService<IGrainStorage>(StudioStreams.Storage);

    public async Task Keep(TRecord record)
    {
        if (_read && Equals(Current.Record, record)) return;
        var previous = (Current.Record, _state.ETag, _state.RecordExists);
        Current.Record = record;
        try
        {
            await _storage.WriteStateAsync(StateName, this.GetGrainId(), _state); // as read, or create-only if never read
            _read = true;
        }
        catch (InconsistentStateException) when (!_read)
        {
            // Already filed: read what is there, and write over it unless it is this same record.
            (Current.Record, _state.ETag, _state.RecordExists) = previous;
            await ReadAsync();
            if (Equals(Current.Record, record)) return;
            await Keep(record);
        }
        catch
        {
            // Not stored: forget it, so the Producer's redelivery writes it rather than taking it for kept.
            (Current.Record, _state.ETag, _state.RecordExists) = previous;
            _read = false;
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<TRecord?> Get()
    {
        if (!_read) await ReadAsync();
        // Most lookups are for ids never filed (a new report's id is looked up once): do not keep those in memory.
        if (Current.Record is null) DeactivateOnIdle();
        return Current.Record;
    }

    private async Task ReadAsync()
    {
        await _storage.ReadStateAsync(StateName, this.GetGrainId(), _state);
        _read = true;
    }
}
