using Orchestration.Grains.Interfaces.Streams;
using Orleans.Placement;

namespace Orchestration.Grains.Hosting;

/// <summary>A silo's readiness probe: a grain call that writes to the studio's grain storage.</summary>
[Alias("orch.IHealthProbeGrain")]
public interface IHealthProbeGrain : IGrainWithStringKey
{
    [Alias("Probe")]
    Task<DateTimeOffset> Probe();
}

[GenerateSerializer, Alias("orch.HealthProbeState")]
public sealed class HealthProbeState
{
    [Id(0)] public DateTimeOffset LastProbe { get; set; }
}

/// <summary>One per silo (key: silo name), placed on that silo, so each silo's probe proves its own storage path.</summary>
[PreferLocalPlacement]
public sealed class HealthProbeGrain(
    [PersistentState("probe", StudioStreams.Storage)] IPersistentState<HealthProbeState> state,
    TimeProvider clock) : Grain, IHealthProbeGrain
{
    public async Task<DateTimeOffset> Probe()
    {
        state.State.LastProbe = clock.GetUtcNow();
        await state.WriteStateAsync();
        return state.State.LastProbe;
    }
}
