namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>One line of an agent's inbox log: what reached it, from whom, when, and what it did with it.</summary>
[GenerateSerializer, Immutable, Alias("orch.ReceivedMessage")]
public sealed record ReceivedMessage(string MessageId, string Type, string From, DateTimeOffset SentAt, string Summary);
