using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.Grains.Interfaces.Streams;
using Orleans.TestingHost;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// A two-silo cluster whose grain state and stream subscriptions live in Azure Blob storage on Azurite, so they
/// outlive the silos: the cluster for tests that restart silos and expect nothing to be lost.
/// </summary>
public sealed class DurableClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider StudioTime { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public IClusterClient Client => Cluster.Client;

    /// <summary>A container per run, so runs never see each other's state.</summary>
    public string Container { get; } = $"orchestration-test-{Guid.NewGuid():N}"[..40];

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            foreach (var name in new[] { StudioStreams.Storage, StudioStreams.PubSubStore })
                silo.AddAzureBlobGrainStorage(name, options =>
                {
                    // Short retries and timeouts: a dead storage must fail well inside the 30 s grain call timeout.
                    var client = new BlobClientOptions { Retry = { MaxRetries = 2, Mode = RetryMode.Fixed, Delay = TimeSpan.FromMilliseconds(200), NetworkTimeout = TimeSpan.FromSeconds(5) } };
                    options.BlobServiceClient = new BlobServiceClient(Azurite.ConnectionString, client);
                    options.ContainerName = Container;
                });
            silo.AddMemoryStreams(StudioStreams.Provider).UseInMemoryReminderService();
            silo.Services.AddOrchestrationGrains(StudioTime);
            silo.WithTestRoot();
            silo.AddIncomingGrainCallFilter<StudioFaults>();
        });
        builder.ConfigureClient(client => client.AddOrchestrationStreams().AsTestRoot());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await new BlobServiceClient(Azurite.ConnectionString).DeleteBlobContainerAsync(Container);
    }

    public StudioClient NewStudio() => new(Client, Ids.New("studio"));

    /// <summary>
    /// Restarts every silo, one after the other: every activation and everything held in memory is gone. Returns once
    /// membership has settled and the client gets calls through again (it may first try a gateway that went away).
    /// </summary>
    public async Task RestartAllSilosAsync()
    {
        foreach (var silo in Cluster.Silos.ToList()) await Cluster.RestartSiloAsync(silo);
        await Cluster.WaitForLivenessToStabilizeAsync();
        await Eventually.Until(async () =>
        {
            try
            {
                return (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == Cluster.Silos.Count;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                return false;
            }
        }, reachable => reachable, "the client to reach the restarted cluster");
    }
}

[CollectionDefinition(Name)]
public sealed class DurableClusterCollection : ICollectionFixture<DurableClusterFixture>
{
    public const string Name = "durable-cluster";
}
