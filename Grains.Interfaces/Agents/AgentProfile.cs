namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>A registered agent, as the Producer knows it.</summary>
[GenerateSerializer, Immutable, Alias("orch.AgentProfile")]
public sealed record AgentProfile(
    string AgentId,
    string Kind,
    string DisplayName,
    int Capacity,
    AgentHosting Hosting,
    DateTimeOffset RegisteredAt);
