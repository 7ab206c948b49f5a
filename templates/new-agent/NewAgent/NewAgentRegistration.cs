using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains.Agents;

namespace NewAgent;

public static class NewAgentRegistration
{
    /// <summary>The one line a silo (and a scenario test) needs: the kind joins the studio's catalogue.</summary>
    public static IServiceCollection AddNewAgentKind(this IServiceCollection services) => services.AddAgentKind<NewAgentGrain>();
}
