using System.Net;
using Azure.Storage.Blobs;
using Orchestration.AzureStorage;
using Orchestration.Grains;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Portfolio;
using Orchestration.Grains.Producer;
using Orchestration.LlmAgents;
using Orchestration.Notifications;
using Orchestration.ServiceDefaults;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Orchestration.Silo.Hosting;

/// <summary>How a silo is wired, by profile. The grains are the same in every profile; only the providers change.</summary>
public static class SiloProfiles
{
    public const string Development = "Development";

    /// <summary>Azure Table clustering and reminders, Azure Blob grain state and stream subscriptions, Azure Queue streams.</summary>
    public const string Azure = "Azure";

    public static readonly IReadOnlyList<string> All = [Development, Azure];

    public static OrchestrationSiloOptions SiloOptions(this IConfiguration configuration)
    {
        var options = configuration.GetSection(OrchestrationSiloOptions.Section).Get<OrchestrationSiloOptions>() ?? new();
        options.Validate();
        return options;
    }

    public static IHostApplicationBuilder UseOrchestrationSilo(this IHostApplicationBuilder host)
    {
        var options = host.Configuration.SiloOptions();

        host.Services.AddOptions<ProducerOptions>()
            .BindConfiguration("Producer")
            .Validate(o => o.FollowUpPeriod >= TimeSpan.FromMinutes(1), "Producer:FollowUpPeriod must be at least 00:01:00 (Orleans reminders tick at most once a minute)")
            .Validate(o => o.InboxFeedWritesPerSecond >= 1, "Producer:InboxFeedWritesPerSecond must be at least 1")
            .ValidateOnStart();

        host.Services.AddOptions<StudioLimits>()
            .BindConfiguration(StudioLimits.Section)
            .Validate(o => o.IsValid, "every Limits:Max<…> must be at least 1")
            .ValidateOnStart();

        host.Services.AddOptions<PortfolioOptions>()
            .BindConfiguration("Portfolio")
            .Validate(o => o.CheckInPeriod >= TimeSpan.FromMinutes(1),
                "Portfolio:CheckInPeriod must be at least 00:01:00 (Orleans reminders tick at most once a minute)")
            .Validate(o => o.ReviewPeriod >= o.CheckInPeriod, "Portfolio:ReviewPeriod must be at least Portfolio:CheckInPeriod")
            .Validate(o => o.RedReviewsBeforeIntervention >= 1 && o.GreenReviewsToRecover >= 1 && o.SystemicProjectThreshold >= 2,
                "Portfolio:RedReviewsBeforeIntervention and GreenReviewsToRecover must be at least 1, SystemicProjectThreshold at least 2")
            .Validate(o => o.Sla.Values.All(v => v > TimeSpan.Zero), "every Portfolio:Sla:<class> must be a positive duration")
            .Validate(o => o.DecisionApplyWithin > TimeSpan.Zero && o.ConflictRaisesBeforeHuman >= 1,
                "Portfolio:DecisionApplyWithin must be a positive duration and Portfolio:ConflictRaisesBeforeHuman at least 1")
            .ValidateOnStart();

        host.UseOrleans(silo =>
        {
            if (options.Profile == Azure)
            {
                silo.AddAzureStudioProviders(options);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.AddInMemoryStudioProviders();
            }

            silo.AddActivityPropagation(); // traces follow grain calls across silos and from clients
            if (options.Dashboard ?? options.Profile == Development) silo.AddDashboard();
            silo.Services.AddOrchestrationGrains();
            silo.Services.AddOrchestrationNotifications();
            silo.Services.AddOrchestrationLlmAgents(host.Configuration);
            silo.Services.Configure<Orchestration.Grains.Identity.StreamSealOptions>(o => (o.Key, o.PreviousKey) = (options.StreamSigningKey, options.PreviousStreamSigningKey));
            silo.Services.AddOptions<Orchestration.Grains.Identity.IdentityOptions>().BindConfiguration("Identity")
                .Configure(o => o.RootKey = options.RootKey ?? DevelopmentRoot.KeyFor(options))
                .Validate(o => o.CredentialCacheFor >= TimeSpan.Zero && o.CredentialCacheFor <= TimeSpan.FromMinutes(5),
                    "Identity:CredentialCacheFor must be between 00:00:00 (check every call) and 00:05:00")
                .ValidateOnStart();
            foreach (var kind in options.ExternalAgentKinds) silo.Services.AddExternalAgentKind(kind);
        });
        return host;
    }

    /// <summary>
    /// The Azure providers, all on one storage account: membership and reminders in tables, grain state and stream
    /// subscriptions in blob containers named after the service, streams on queues named after the cluster.
    /// </summary>
    public static ISiloBuilder AddAzureStudioProviders(this ISiloBuilder silo, OrchestrationSiloOptions options)
    {
        var connection = options.AzureStorage!;
        var service = new string([.. options.ServiceId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.ListenOnAnyAddress);
        silo.UseAzureStorageClustering(o => o.TableServiceClient = AzureStorageClients.Tables(connection));
        silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit) = (options.ProbeTimeout, options.MissedProbesLimit));
        silo.UseAzureTableReminderService(o => o.TableServiceClient = AzureStorageClients.Tables(connection));
        // Stream subscriptions go here too: Orleans keeps them in the storage named like the stream provider ("studio")
        // before any "PubSubStore", so one container holds grain state and subscriptions (StorageLayoutTests).
        silo.AddAzureBlobGrainStorage(StudioStreams.Storage, o =>
        {
            o.BlobServiceClient = Blobs(connection);
            o.ContainerName = $"{service}-state";
        });
        silo.AddAzureQueueStreams(StudioStreams.Provider, ob => ob.Configure(o =>
        {
            o.QueueServiceClient = AzureStorageClients.Queues(connection);
            o.QueueNames = AzureStorageClients.QueueNames(options.ClusterId);
        }));
        if (options.Kubernetes) silo.UseKubernetesHosting();
        return silo.UseOrchestrationTls(OrchestrationTls.Load(options.Tls.Certificate!, options.Tls.Password, options.Tls.Authority!));
    }

    /// <summary>The grain storage account's blob client, tuned like every Azure Storage client of the profile.</summary>
    public static BlobServiceClient Blobs(string connectionString) => new(connectionString, AzureStorageClients.Tuned(new BlobClientOptions()));

    /// <summary>
    /// The Development providers: grain state, stream subscriptions and reminders in memory, memory streams.
    /// Memory streams drop events after about 30 minutes of quiet: development and tests only.
    /// </summary>
    public static ISiloBuilder AddInMemoryStudioProviders(this ISiloBuilder silo) => silo
        .AddMemoryGrainStorage(StudioStreams.Storage)
        .AddMemoryGrainStorage(StudioStreams.PubSubStore)
        .AddMemoryStreams(StudioStreams.Provider)
        .UseInMemoryReminderService();
}
