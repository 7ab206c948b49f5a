namespace Orchestration.Grains.Interfaces.Streams;

/// <summary>
/// Every provider name and stream namespace, in one place: silos, clients and tests must agree on them.
/// </summary>
public static class StudioStreams
{
    /// <summary>The stream provider every silo and client configures (memory in Development, Azure queues in Azure).</summary>
    public const string Provider = "studio";

    /// <summary>Orleans' fallback store for stream subscriptions. It looks first for a storage named like the stream
    /// provider — <see cref="Storage"/> is, so subscriptions are kept with grain state and this one stays empty; the
    /// memory profiles still register it so a provider of another name would work.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>Grain state storage for the studio's grains.</summary>
    public const string Storage = "studio";

    /// <summary>Key: studio id. Items: <see cref="Messages.StrategyBroadcast"/>. Every agent of the studio subscribes.</summary>
    public const string StrategyNamespace = "studio.strategy";

    /// <summary>Key: agent id. Items: <see cref="Messages.InboxMessage"/> addressed to that agent alone.</summary>
    public const string InboxNamespace = "agent.inbox";

    /// <summary>Key: studio id. Items: <see cref="Messages.StudioEvent"/>, every state change of the studio.</summary>
    public const string EventNamespace = "studio.events";

    public static StreamId Strategy(string studioId) => StreamId.Create(StrategyNamespace, studioId);

    public static StreamId Inbox(string agentId) => StreamId.Create(InboxNamespace, agentId);

    public static StreamId Events(string studioId) => StreamId.Create(EventNamespace, studioId);
}
