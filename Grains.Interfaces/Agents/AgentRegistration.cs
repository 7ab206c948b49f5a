namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>An agent asks to join a studio. Idempotent by agent id: the same registration twice changes nothing.</summary>
/// <param name="AgentId">The agent's id, unique in the cluster.</param>
/// <param name="Kind">A kind the silo knows (<see cref="AgentKinds"/> or one registered with AddAgentKind).</param>
/// <param name="DisplayName">What people call it.</param>
/// <param name="Capacity">Work slots it can hold at once (1 to <see cref="Common.Limits.MaxCapacity"/>).</param>
/// <param name="Hosting">Grain in the silo or external service.</param>
[GenerateSerializer, Immutable, Alias("orch.AgentRegistration")]
public sealed record AgentRegistration(string AgentId, string Kind, string DisplayName, int Capacity, AgentHosting Hosting);
