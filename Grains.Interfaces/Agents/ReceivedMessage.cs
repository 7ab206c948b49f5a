namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>One line of an agent's inbox log: what reached it, from whom, when it was sent and when it was applied
/// (<paramref name="ReceivedAt"/>, on the studio's clock; absent in lines logged before it was recorded).</summary>
[GenerateSerializer, Immutable, Alias("orch.ReceivedMessage")]
public sealed record ReceivedMessage(string MessageId, string Type, string From, DateTimeOffset SentAt, string Summary, DateTimeOffset? ReceivedAt = null);
