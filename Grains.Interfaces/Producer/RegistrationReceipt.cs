using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Interfaces.Producer;

/// <summary>The Producer's answer to a registration: the agent as recorded and the strategy in force, so a late
/// joiner starts from the current version without waiting for the next broadcast.</summary>
[GenerateSerializer, Immutable, Alias("orch.RegistrationReceipt")]
public sealed record RegistrationReceipt(AgentProfile Agent, StudioStrategy? CurrentStrategy, bool WasDuplicate);
