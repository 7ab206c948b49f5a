namespace Orchestration.Grains.Interfaces.Messages;

/// <summary>
/// Something the Producer addresses to one agent, delivered on that agent's inbox stream. Streams deliver at least
/// once, so receivers apply a <see cref="MessageId"/> once.
/// </summary>
/// <param name="MessageId">Unique per message; the receiver's idempotency key.</param>
/// <param name="StudioId">The studio that sent it.</param>
/// <param name="AgentId">The addressee.</param>
/// <param name="SentAt">When the Producer sent it.</param>
/// <param name="Summary">What it says, in one human-readable sentence.</param>
[GenerateSerializer, Immutable, Alias("orch.InboxMessage")]
public abstract record InboxMessage(string MessageId, string StudioId, string AgentId, DateTimeOffset SentAt, string Summary)
{
    /// <summary>Who sent it: always the studio's Producer.</summary>
    public string From => $"producer/{StudioId}";

    /// <summary>The W3C trace parent of the operation that sent it, so the receiver's work joins the same trace.</summary>
    [Id(100)]
    public string? TraceParent { get; init; }

    /// <summary>The silo's seal over the message (an HMAC with the cluster's stream key): hosted agents apply only
    /// sealed messages, so one forged onto the stream by a client is ignored.</summary>
    [Id(101)]
    public string? Seal { get; init; }
}
