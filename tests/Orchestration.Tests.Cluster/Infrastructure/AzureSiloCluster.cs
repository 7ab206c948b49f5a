using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.AzureStorage;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>Silo processes on the Azure profile, on Azurite, with a cluster and service id of their own, and an
/// Orleans client connected to them with the cluster's certificate. Disposing it stops the client and kills the silos.</summary>
public sealed class AzureSiloCluster : IAsyncDisposable
{
    private readonly IHost _client;

    private AzureSiloCluster(IReadOnlyList<SiloProcess> silos, IHost client, string clusterId, string serviceId)
    {
        Silos = silos;
        _client = client;
        ClusterId = clusterId;
        ServiceId = serviceId;
    }

    public string ClusterId { get; }

    /// <summary>Names the blob containers (<c>{service}-state</c>, <c>{service}-pubsub</c>).</summary>
    public string ServiceId { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public static async Task<AzureSiloCluster> StartAsync(string name, int silos, params string[] extraSettings)
    {
        await Azurite.EnsureRunningAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (clusterId, serviceId) = ($"{name}-{run}", $"svc-{run}");
        string[] settings = ["--Orchestration:Profile=Azure", $"--Orchestration:AzureStorage={Azurite.ConnectionString}",
            $"--Orchestration:ClusterId={clusterId}", $"--Orchestration:ServiceId={serviceId}", .. extraSettings];
        var started = new List<SiloProcess>();
        try
        {
            foreach (var _ in Enumerable.Range(0, silos)) started.Add(await SiloProcess.StartAsync(settings));
            return new AzureSiloCluster(started, await ConnectAsync(clusterId, serviceId, client => client.AsTestRoot()), clusterId, serviceId);
        }
        catch
        {
            foreach (var silo in started) await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another client process's view: the cluster's certificate (it passes mutual TLS), and only what
    /// <paramref name="configure"/> adds — no credential unless it gives one.</summary>
    public Task<IHost> ConnectAsync(Action<IClientBuilder>? configure = null) => ConnectAsync(ClusterId, ServiceId, configure);

    private static async Task<IHost> ConnectAsync(string clusterId, string serviceId, Action<IClientBuilder>? configure)
    {
        var host = Host.CreateApplicationBuilder();
        host.UseOrleansClient(client =>
        {
            client.UseOrchestrationAzure(Azurite.ConnectionString, clusterId, TestCertificates.Cluster.ClientTls, serviceId);
            configure?.Invoke(client);
        });
        var app = host.Build();
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose(); // not stopped gracefully: some of its silos may be dead
        foreach (var silo in Silos) await silo.DisposeAsync();
    }
}
