using Orchestration.Grains.Interfaces.Handoffs;

namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>A handoff an agent took on, with what it was given.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReceivedHandoff")]
public sealed record ReceivedHandoff(HandoffOffer Offer, bool Accepted, string Reason);
