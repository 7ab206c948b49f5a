using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains;
using Orleans.Dashboard;
using Orchestration.Grains.Portfolio;
using Orchestration.Grains.Producer;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Silo.Hosting;

/// <summary>How a silo is wired, by profile. The grains are the same in every profile; only the providers change.</summary>
public static class SiloProfiles
{
    public const string Development = "Development";

    public static readonly IReadOnlyList<string> All = [Development];

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
            .ValidateOnStart();

        host.Services.AddOptions<PortfolioOptions>()
            .BindConfiguration("Portfolio")
            .Validate(o => o.CheckInPeriod >= TimeSpan.FromMinutes(1) && o.SlaCheckPeriod >= TimeSpan.FromMinutes(1),
                "Portfolio:CheckInPeriod and Portfolio:SlaCheckPeriod must be at least 00:01:00 (Orleans reminders tick at most once a minute)")
            .Validate(o => o.ReviewPeriod >= o.CheckInPeriod, "Portfolio:ReviewPeriod must be at least Portfolio:CheckInPeriod")
            .Validate(o => o.RedReviewsBeforeIntervention >= 1 && o.GreenReviewsToRecover >= 1 && o.SystemicProjectThreshold >= 2,
                "Portfolio:RedReviewsBeforeIntervention and GreenReviewsToRecover must be at least 1, SystemicProjectThreshold at least 2")
            .Validate(o => o.Sla.Values.All(v => v > TimeSpan.Zero), "every Portfolio:Sla:<class> must be a positive duration")
            .ValidateOnStart();

        host.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddInMemoryStudioProviders();
            silo.AddActivityPropagation(); // traces follow grain calls across silos and from clients
            if (options.Dashboard ?? options.Profile == Development) silo.AddDashboard();
            silo.Services.AddOrchestrationGrains();
        });
        return host;
    }

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
