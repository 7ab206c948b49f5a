using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Agents.ExperimentTracker;
using Orchestration.Grains.Agents.ProjectShipper;
using Orchestration.Grains.Producer;

namespace Orchestration.Grains;

public static class OrchestrationGrainsServiceCollectionExtensions
{
    /// <summary>The services the studio's grains need: the built-in agent kinds, the follow-up settings, and the
    /// studio clock (<paramref name="clock"/>, or the system clock).</summary>
    public static IServiceCollection AddOrchestrationGrains(this IServiceCollection services, TimeProvider? clock = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(StudioClock.Key, clock ?? TimeProvider.System);
        services.AddOptions<ProducerOptions>();
        services.AddAgentKind<ExperimentTrackerGrain>();
        services.AddAgentKind<ProjectShipperGrain>();
        return services;
    }
}
