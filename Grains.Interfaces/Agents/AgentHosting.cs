namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>Where an agent runs: as a grain in the silo, or as a service in another process using the Orleans client.</summary>
[GenerateSerializer, Alias("orch.AgentHosting")]
public enum AgentHosting
{
    Hosted = 1,
    External = 2,
}
