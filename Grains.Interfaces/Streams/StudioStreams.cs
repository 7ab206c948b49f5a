namespace Orchestration.Grains.Interfaces.Streams;

/// <summary>
/// Every provider name and stream namespace, in one place: silos, clients and tests must agree on them.
/// </summary>
public static class StudioStreams
{
    /// <summary>The stream provider every silo and client configures (memory in Development, Azure queues in Azure).</summary>
    public const string Provider = "studio";

    /// <summary>Where stream subscriptions are kept. Orleans looks this storage up by this exact name.</summary>
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
