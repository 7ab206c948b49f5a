using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>Reads and writes a grain's state in the cluster's own grain storage, as the grain would: what is really
/// stored, rather than what the grain answers.</summary>
public static class StoredState
{
    public static async Task<T> ReadAsync<T>(InProcessTestCluster cluster, string storage, string stateName, IAddressable grain) where T : new()
    {
        var state = new GrainState<T>(new T());
        await Storage(cluster, storage).ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.State ?? new T();
    }

    public static async Task WriteAsync<T>(InProcessTestCluster cluster, string storage, string stateName, IAddressable grain, T value)
    {
        var state = new GrainState<T>(value);
        await Storage(cluster, storage).WriteStateAsync(stateName, grain.GetGrainId(), state);
    }

    private static IGrainStorage Storage(InProcessTestCluster cluster, string name) =>
        cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(name);
}
