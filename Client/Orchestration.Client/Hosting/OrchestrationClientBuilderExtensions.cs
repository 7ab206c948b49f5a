using Orchestration.Grains.Interfaces.Streams;
using Orleans.Hosting;

namespace Orchestration.Client.Hosting;

public static class OrchestrationClientBuilderExtensions
{
    /// <summary>
    /// Connects to a Development silo on this machine: localhost gateway, memory streams under the studio's provider
    /// name (a client must configure the same stream provider as the silo to publish or subscribe).
    /// </summary>
    public static IClientBuilder UseOrchestrationDevelopment(this IClientBuilder client, int gatewayPort = OrchestrationCluster.DefaultGatewayPort)
    {
        client.UseLocalhostClustering(gatewayPort, OrchestrationCluster.ServiceId, OrchestrationCluster.DevelopmentClusterId);
        client.AddActivityPropagation(); // so an agent service's trace continues into the grains it calls
        return client.AddOrchestrationStreams();
    }

    /// <summary>
    /// Connects to a cluster on the Azure profile: gateways found in the Azure Table membership of
    /// <paramref name="clusterId"/>, Azure Queue streams under the studio's provider name, and mutual TLS with the
    /// client certificate in <paramref name="tls"/> (the silos of the Azure profile refuse a client without one).
    /// </summary>
    public static IClientBuilder UseOrchestrationAzure(this IClientBuilder client, string connectionString, string clusterId, OrchestrationTls tls, string serviceId = OrchestrationCluster.ServiceId)
    {
        client.UseTls(tls.Configure);
        client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
        client.UseAzureStorageClustering(o => o.TableServiceClient = AzureStorageClients.Tables(connectionString));
        client.AddActivityPropagation();
        client.AddAzureQueueStreams(StudioStreams.Provider, ob => ob.Configure(o =>
        {
            o.QueueServiceClient = AzureStorageClients.Queues(connectionString);
            o.QueueNames = AzureStorageClients.QueueNames(clusterId);
        }));
        return client;
    }

    /// <summary>Only the stream provider, for clients whose clustering is configured elsewhere (tests, other profiles).</summary>
    public static IClientBuilder AddOrchestrationStreams(this IClientBuilder client) =>
        client.AddMemoryStreams(StudioStreams.Provider);
}
