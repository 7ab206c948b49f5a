using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Bench;

/// <summary>The baseline: a grain call that does nothing.</summary>
[Alias("bench.INoopGrain")]
public interface INoopGrain : IGrainWithIntegerKey
{
    [Alias("Noop")]
    Task Noop();
}

public sealed class NoopGrain : Grain, INoopGrain
{
    public Task Noop() => Task.CompletedTask;
}

[Alias("bench.IBenchAgentGrain")]
public interface IBenchAgentGrain : IAgentGrain;

[GenerateSerializer, Alias("bench.BenchAgentState")]
public sealed class BenchAgentState : AgentState;

/// <summary>An agent kind that only notes when it applied each strategy version: the broadcast benchmark's probe.</summary>
[GrainType(Kind)]
public sealed class BenchAgentGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<BenchAgentState> state, ILogger<BenchAgentGrain> logger)
    : AgentGrain<BenchAgentState>(state, logger), IBenchAgentGrain
{
    public const string Kind = "bench-agent";

    /// <summary>Stopwatch timestamps of each apply, by studio and version (the bench runs in the silo's process).</summary>
    public static readonly ConcurrentDictionary<(string Studio, int Version), ConcurrentBag<long>> Applied = new();

    protected override void OnStrategyApplied(StudioStrategy strategy) =>
        Applied.GetOrAdd((strategy.StudioId, strategy.Version), _ => []).Add(Stopwatch.GetTimestamp());
}

/// <summary>The storage baseline: a grain that writes its small state, so the bench can tell what the storage itself
/// does per second on this machine.</summary>
[Alias("bench.IWriterGrain")]
public interface IWriterGrain : IGrainWithIntegerKey
{
    [Alias("Write")]
    Task Write(int n);
}

[GenerateSerializer, Alias("bench.WriterState")]
public sealed class WriterState
{
    [Id(0)] public int N { get; set; }

    [Id(1)] public string Text { get; set; } = new('x', 1_000);
}

public sealed class WriterGrain([PersistentState("writer", StudioStreams.Storage)] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    public Task Write(int n)
    {
        state.State.N = n;
        return state.WriteStateAsync();
    }
}
