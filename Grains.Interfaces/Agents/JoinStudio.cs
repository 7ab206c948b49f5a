namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>Asks a hosted agent grain to join a studio: it subscribes to its streams, then registers with the Producer.</summary>
[GenerateSerializer, Immutable, Alias("orch.JoinStudio")]
public sealed record JoinStudio(string StudioId, string DisplayName, int Capacity);
