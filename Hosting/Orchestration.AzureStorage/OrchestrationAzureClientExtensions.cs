using Orchestration.Grains.Interfaces.Cluster;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.ServiceDefaults;

namespace Orchestration.AzureStorage;

public static class OrchestrationAzureClientExtensions
{
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
}
