using Orchestration.Grains.Interfaces.Streams;
using Orleans.Concurrency;

namespace Orchestration.Grains.Identity;

/// <summary>Answers with the cluster's stream public keys from the silo's own configuration: any silo can, so a local
/// activation on each serves every client.</summary>
[StatelessWorker]
public sealed class StreamKeysGrain(StreamSeal seal) : Grain, IStreamKeysGrain
{
    public Task<StreamKeys> GetStreamKeys() => Task.FromResult(seal.Keys);
}
