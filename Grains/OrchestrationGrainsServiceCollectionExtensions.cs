using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Agents.ExperimentTracker;
using Orchestration.Grains.Agents.ProjectShipper;

namespace Orchestration.Grains;

public static class OrchestrationGrainsServiceCollectionExtensions
{
    /// <summary>The services the studio's grains need: the built-in agent kinds and the clock (the system clock
    /// unless a test or simulation registered its own).</summary>
    public static IServiceCollection AddOrchestrationGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAgentKind<ExperimentTrackerGrain>();
        services.AddAgentKind<ProjectShipperGrain>();
        return services;
    }
}
