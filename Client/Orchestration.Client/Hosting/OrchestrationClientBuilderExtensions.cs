using Orchestration.Grains.Interfaces.Cluster;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Client.Hosting;

public static class OrchestrationClientBuilderExtensions
{
    /// <summary>
    /// Connects to a Development silo on this machine: localhost gateway, memory streams under the studio's provider
    /// name (a client must configure the same stream provider as the silo to publish or subscribe). A cluster on the
    /// Azure profile is reached with <c>UseOrchestrationAzure</c> from the Orchestration.AzureStorage package.
    /// </summary>
    public static IClientBuilder UseOrchestrationDevelopment(this IClientBuilder client, int gatewayPort = OrchestrationCluster.DefaultGatewayPort)
    {
        client.UseLocalhostClustering(gatewayPort, OrchestrationCluster.ServiceId, OrchestrationCluster.DevelopmentClusterId);
        client.AddActivityPropagation(); // so an agent service's trace continues into the grains it calls
        return client.AddOrchestrationStreams();
    }

    /// <summary>Only the stream provider, for clients whose clustering is configured elsewhere (tests, other profiles).</summary>
    public static IClientBuilder AddOrchestrationStreams(this IClientBuilder client) =>
        client.AddMemoryStreams(StudioStreams.Provider);
}
