using System.Collections.Concurrent;
using Orleans.Storage;

namespace Orchestration.Bench;

/// <summary>
/// Grain storage that counts what it is asked to write — the bytes the Orleans serializer makes of each state, which
/// is what a blob or table write carries — and passes every call to the real storage underneath.
/// </summary>
public sealed class CountingGrainStorage(IGrainStorage inner, IGrainStorageSerializer serializer) : IGrainStorage
{
    private long _bytes;
    private long _writes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The size of the last write of each state name ("producer", "journal", "record", …).</summary>
    public ConcurrentDictionary<string, long> LastSize { get; } = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var size = serializer.Serialize(grainState.State).ToMemory().Length;
        Interlocked.Add(ref _bytes, size);
        Interlocked.Increment(ref _writes);
        LastSize[stateName] = size;
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
