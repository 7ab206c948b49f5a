using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Agents.ExperimentTracker;
using Orchestration.Grains.Agents.ProjectShipper;
using Orchestration.Grains.Common;
using Orchestration.Grains.Portfolio;
using Orchestration.Grains.Producer;
using Orleans.Storage;

namespace Orchestration.Grains;

public static class OrchestrationGrainsServiceCollectionExtensions
{
    /// <summary>The services the studio's grains need: the built-in agent kinds, the follow-up settings, and the
    /// studio clock (<paramref name="clock"/>, or the system clock).</summary>
    public static IServiceCollection AddOrchestrationGrains(this IServiceCollection services, TimeProvider? clock = null)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Grain state is made of [GenerateSerializer] contracts: store it with the Orleans serializer, which is
        // version-tolerant by [Id] and round-trip tested, rather than the JSON default, which cannot read it back.
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        services.AddKeyedSingleton(StudioClock.Key, clock ?? TimeProvider.System);
        services.AddOptions<ProducerOptions>();
        services.AddOptions<PortfolioOptions>();
        services.AddOptions<StudioLimits>();
        services.AddOptions<Identity.StreamSealOptions>();
        services.AddSingleton<Identity.StreamSeal>();

        // Who calls: every silo stamps its own calls, and checks every call it serves (after the boundary, which turns
        // a refusal into field and reason only). Registered as AddIncoming/OutgoingGrainCallFilter would, in this order.
        services.AddOptions<Identity.IdentityOptions>();
        services.AddSingleton<Identity.CredentialCache>();
        services.AddSingleton<Identity.SiloCallStamp>();
        services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<Identity.SiloCallStamp>());
        services.AddSingleton<IIncomingGrainCallFilter, Hosting.GrainBoundary>();
        services.AddSingleton<IIncomingGrainCallFilter, Identity.CallerGate>();
        services.AddAgentKind<ExperimentTrackerGrain>();
        services.AddAgentKind<ProjectShipperGrain>();
        return services;
    }
}
