using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        client.Services.AddLogging(logging => logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning)
            .AddFilter("Azure", LogLevel.Warning)); // quiet by default, as UseOrchestrationDevelopment
        client.AddAzureQueueStreams(StudioStreams.Provider, ob => ob.Configure(o =>
        {
            o.QueueServiceClient = AzureStorageClients.Queues(connectionString);
            o.QueueNames = AzureStorageClients.QueueNames(clusterId);
        }));
        return client;
    }
}
