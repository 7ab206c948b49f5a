using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Grains.Interfaces.Agents;

namespace Orchestration.Grains.Agents;

/// <summary>One agent kind the silo accepts: hosted by a grain class, or external only (agents in other processes).</summary>
public sealed record AgentKindInfo(string Kind, Type? GrainClass)
{
    public bool IsHosted => GrainClass is not null;
}

/// <summary>The agent kinds this silo knows, from every <see cref="AgentKindInfo"/> registered in DI.</summary>
public sealed class AgentKindCatalog(IEnumerable<AgentKindInfo> kinds)
{
    private readonly Dictionary<string, AgentKindInfo> _kinds = kinds
        .GroupBy(k => k.Kind, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.FirstOrDefault(k => k.IsHosted) ?? g.First(), StringComparer.Ordinal);

    public IEnumerable<string> Names => _kinds.Keys.Order(StringComparer.Ordinal);

    public bool Contains(string kind) => _kinds.ContainsKey(kind);

    public bool IsHosted(string kind) => _kinds.TryGetValue(kind, out var info) && info.IsHosted;
}

public static class AgentKindServiceCollectionExtensions
{
    /// <summary>
    /// Registers a hosted agent kind: <typeparamref name="TGrain"/> implements <see cref="IAgentGrain"/> and carries
    /// <c>[GrainType("kind")]</c>, which is the kind's name. That is all a new kind needs; the Producer does not change.
    /// </summary>
    public static IServiceCollection AddAgentKind<TGrain>(this IServiceCollection services) where TGrain : Grain, IAgentGrain
    {
        var attribute = typeof(TGrain).GetCustomAttribute<GrainTypeAttribute>()
            ?? throw new InvalidOperationException($"{typeof(TGrain).Name} needs [GrainType(\"kind\")]: the grain type name is the agent kind.");
        var kind = attribute.GetGrainType(null!, typeof(TGrain)).ToString()!;
        return services.AddAgentKind(new AgentKindInfo(kind, typeof(TGrain)));
    }

    /// <summary>Registers a kind of agent that only runs outside the silo and talks to it through the Orleans client.</summary>
    public static IServiceCollection AddExternalAgentKind(this IServiceCollection services, string kind) =>
        services.AddAgentKind(new AgentKindInfo(kind, GrainClass: null));

    private static IServiceCollection AddAgentKind(this IServiceCollection services, AgentKindInfo info)
    {
        services.AddSingleton(info);
        services.TryAddSingleton<AgentKindCatalog>();
        return services;
    }
}
