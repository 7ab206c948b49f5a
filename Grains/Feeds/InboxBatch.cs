using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Feeds;

/// <summary>
/// The messages one delivery of the Producer's outbox sends to external agents, stored together in a record grain
/// (key <c>{studio}/inbox-log:{n}</c>) before any of them is appended to an agent's inbox feed. Storing a delivery's
/// messages costs one write however many agents they go to; the feeds are then appended from it, many batches at a
/// time, so a busy agent's feed is written once for several messages rather than once for each. A batch not yet fed
/// when an activation is lost is fed again from here by the next (feeds skip the ids they have).
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.InboxBatch")]
public sealed record InboxBatch([property: Id(0)] IReadOnlyList<InboxMessage> Messages)
{
    public static string Key(string studioId, long batch) => $"{studioId}/inbox-log:{batch}";
}

/// <summary>How far the studio's inbox batches are written and fed, kept in the Producer's state.</summary>
[GenerateSerializer, Alias("orch.InboxLogState")]
public sealed class InboxLogState
{
    /// <summary>Batches written: the next one is numbered this.</summary>
    [Id(0)] public long Written { get; set; }

    /// <summary>Batches appended to their agents' feeds: batches <c>Fed</c> … <c>Written - 1</c> are still to feed.</summary>
    [Id(1)] public long Fed { get; set; }
}
