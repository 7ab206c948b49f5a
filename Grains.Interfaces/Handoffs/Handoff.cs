namespace Orchestration.Grains.Interfaces.Handoffs;

[GenerateSerializer, Alias("orch.HandoffKind")]
public enum HandoffKind
{
    /// <summary>Experiment Tracker → Project Shipper: a winning experiment's implementation spec and priority.</summary>
    WinningExperiment = 1,

    /// <summary>Project Shipper → Experiment Tracker: a shipped release's metrics and user feedback.</summary>
    PostLaunch = 2,
}

[GenerateSerializer, Alias("orch.HandoffStatus")]
public enum HandoffStatus
{
    Offered = 1,
    Accepted = 2,
    Rejected = 3,
}

/// <summary>One agent hands work to another through the Producer (seed: Handoff Protocols).</summary>
/// <param name="Payload">What is passed: implementation spec and priority, or release metrics and user feedback.</param>
[GenerateSerializer, Immutable, Alias("orch.HandoffOffer")]
public sealed record HandoffOffer(
    string HandoffId,
    HandoffKind Kind,
    string FromAgentId,
    string ToAgentId,
    string ItemId,
    string ProjectId,
    string Summary,
    IReadOnlyDictionary<string, string> Payload,
    int Priority);

/// <summary>The recipient's answer.</summary>
[GenerateSerializer, Immutable, Alias("orch.HandoffResponse")]
public sealed record HandoffResponse(string HandoffId, string AgentId, bool Accept, string Reason);

/// <summary>A handoff tracked to its outcome.</summary>
[GenerateSerializer, Immutable, Alias("orch.HandoffRecord")]
public sealed record HandoffRecord(
    HandoffOffer Offer,
    HandoffStatus Status,
    DateTimeOffset OfferedAt,
    DateTimeOffset? SettledAt = null,
    string? Reason = null);
