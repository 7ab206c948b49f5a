using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>
/// The contract every hosted agent kind implements. The grain type name is the agent kind and the key is the agent id,
/// so a new kind is one grain class plus its registration; the Producer never changes and never calls an agent:
/// it reaches agents through the strategy stream and their inbox streams.
/// </summary>
[ScopedBy(StudioScope.Agent)]
[Alias("orch.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Subscribes to the studio's strategy stream and this agent's inbox, then registers with the Producer.
    /// Idempotent; joining a second studio is refused.</summary>
    [CallableBy(Callers.Agents | Callers.Operators)]
    [StudioIn("request.StudioId")]
    [Alias("Join")]
    Task<AgentSnapshot> Join(JoinStudio request);

    [CallableBy(Callers.Anyone)]
    [Alias("GetSnapshot")]
    Task<AgentSnapshot> GetSnapshot();
}
