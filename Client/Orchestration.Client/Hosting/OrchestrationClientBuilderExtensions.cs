using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orchestration.Client.Identity;
using Orchestration.Grains.Interfaces.Cluster;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Client.Hosting;

public static class OrchestrationClientBuilderExtensions
{
    /// <summary>
    /// Connects to a Development silo on this machine: localhost gateway, memory streams under the studio's provider
    /// name (a client must configure the same stream provider as the silo to publish or subscribe), and the caller's
    /// credential — configured, or else the one the local dev silo wrote (<see cref="OrchestrationIdentity.DevelopmentCredentialFile"/>).
    /// A cluster on the Azure profile is reached with <c>UseOrchestrationAzure</c> from the Orchestration.AzureStorage
    /// package, plus <see cref="UseOrchestrationCredential"/>.
    /// </summary>
    public static IClientBuilder UseOrchestrationDevelopment(this IClientBuilder client, int gatewayPort = OrchestrationCluster.DefaultGatewayPort)
    {
        client.UseLocalhostClustering(gatewayPort, OrchestrationCluster.ServiceId, OrchestrationCluster.DevelopmentClusterId);
        client.AddActivityPropagation(); // so an agent service's trace continues into the grains it calls
        client.UseOrchestrationCredential(developmentFile: true);
        client.QuietByDefault();
        return client.AddOrchestrationStreams();
    }

    /// <summary>
    /// An agent service logs what it does, not the client's workings: Orleans' and the retry policy's own messages
    /// from warnings up (their information logs print whole records, dozens of lines a call). Raise them again with a
    /// later filter, e.g. <c>builder.Logging.AddFilter("Orleans", LogLevel.Information)</c>.
    /// </summary>
    public static IClientBuilder QuietByDefault(this IClientBuilder client)
    {
        client.Services.AddLogging(logging => logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Http", LogLevel.Warning));
        return client;
    }

    /// <summary>
    /// Every call carries the caller's credential: <paramref name="credential"/> if given, else configuration
    /// <c>Orchestration:Credential</c> (environment <c>Orchestration__Credential</c>), else — with
    /// <paramref name="developmentFile"/> — the root credential a local Development silo wrote. The silos refuse a call
    /// without one. Binds the rest of <see cref="OrchestrationClientOptions"/> (pinned stream keys) too.
    /// </summary>
    public static IClientBuilder UseOrchestrationCredential(this IClientBuilder client, string? credential = null, bool developmentFile = false)
    {
        client.Services.AddOptions<OrchestrationClientOptions>().BindConfiguration(OrchestrationClientOptions.Section);
        client.Services.PostConfigure<OrchestrationClientOptions>(o =>
        {
            if (credential is { Length: > 0 }) o.Credential = credential;
            if (o.Credential is { Length: > 0 } || !developmentFile) return;
            var file = OrchestrationIdentity.DevelopmentCredentialFile;
            if (File.Exists(file)) o.Credential = File.ReadAllText(file).Trim();
        });
        client.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutgoingGrainCallFilter, CredentialFilter>());
        return client;
    }

    /// <summary>Only the stream provider, for clients whose clustering is configured elsewhere (tests, other profiles).</summary>
    public static IClientBuilder AddOrchestrationStreams(this IClientBuilder client) =>
        client.AddMemoryStreams(StudioStreams.Provider);
}
