using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Storage;

namespace Orchestration.Bench;

/// <summary>
/// Grain storage that counts what it is asked to do and passes every call to the real storage underneath: the bytes
/// the Orleans serializer makes of each state written (what a blob or table write carries), and each read and write
/// by state name ("producer", "journal", "record", "feed", …) with the time it took — where a report's storage round
/// trips go.
/// </summary>
public sealed class CountingGrainStorage(IGrainStorage inner, IGrainStorageSerializer serializer) : IGrainStorage
{
    public sealed class Tally
    {
        public long Count;
        public long Ticks;
        public long Bytes;
    }

    private long _bytes;
    private long _writes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The size of the last write of each state name.</summary>
    public ConcurrentDictionary<string, long> LastSize { get; } = new(StringComparer.Ordinal);

    /// <summary>Each operation ("read producer", "write feed", …): how many, how long in all (stopwatch ticks), how many bytes.</summary>
    public ConcurrentDictionary<string, Tally> Operations { get; } = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Timed($"read {stateName}", 0, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var size = serializer.Serialize(grainState.State).ToMemory().Length;
        Interlocked.Add(ref _bytes, size);
        Interlocked.Increment(ref _writes);
        LastSize[stateName] = size;
        return Timed($"write {stateName}", size, () => inner.WriteStateAsync(stateName, grainId, grainState));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Timed($"clear {stateName}", 0, () => inner.ClearStateAsync(stateName, grainId, grainState));

    public void ResetOperations() => Operations.Clear();

    private async Task Timed(string operation, long bytes, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        finally
        {
            var tally = Operations.GetOrAdd(operation, _ => new Tally());
            Interlocked.Increment(ref tally.Count);
            Interlocked.Add(ref tally.Ticks, Stopwatch.GetTimestamp() - started);
            Interlocked.Add(ref tally.Bytes, bytes);
        }
    }
}
