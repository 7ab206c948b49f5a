using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Storage;

namespace Orchestration.Bench;

/// <summary>
/// Grain storage that notes every read and write by state name ("producer", "journal", "record", "feed", …) with the
/// time it took, and passes each to the real storage underneath: where a report's storage round trips go.
/// </summary>
public sealed class ProfilingGrainStorage(IGrainStorage inner, IGrainStorageSerializer serializer) : IGrainStorage
{
    public sealed class Tally
    {
        public long Count;
        public long Ticks;
        public long Bytes;
    }

    public ConcurrentDictionary<string, Tally> Operations { get; } = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Timed($"read {stateName}", () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Interlocked.Add(ref Operations.GetOrAdd($"write {stateName}", _ => new Tally()).Bytes, serializer.Serialize(grainState.State).ToMemory().Length);
        return Timed($"write {stateName}", () => inner.WriteStateAsync(stateName, grainId, grainState));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Timed($"clear {stateName}", () => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Reset() => Operations.Clear();

    private async Task Timed(string operation, Func<Task> call)
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
        }
    }
}
