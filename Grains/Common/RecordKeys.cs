namespace Orchestration.Grains.Common;

/// <summary>The ids records are filed under, per kind. The grain's type argument already separates kinds; a prefix
/// separates two filings of one kind (an escalation by its id, and by the stakeholder request that raised it).</summary>
public static class RecordKeys
{
    public static string Key(string studioId, string id) => $"{studioId}/{id}";

    public static string Report(string reportId) => reportId;

    public static string Escalation(string escalationId) => escalationId;

    public static string Request(string requestId) => $"request:{requestId}";

    public static string Handoff(string handoffId) => handoffId;

    /// <summary>The handoff of this kind of this item that was accepted: each is accepted once.</summary>
    public static string AcceptedHandoff(Orchestration.Grains.Interfaces.Handoffs.HandoffKind kind, string itemId) => $"accepted:{kind}:{itemId}";

    public static string Conflict(string conflictId) => conflictId;

    public static string Completion(string itemId) => itemId;

    public static string Issue(string issueId) => $"issue:{issueId}";

    public static string Sample(string sampleId) => $"sample:{sampleId}";

    public static string KeyResultUpdate(string updateId) => $"kr-update:{updateId}";

    public static string Status(string projectId, string reportId) => $"status:{projectId}:{reportId}";
}

/// <summary>A record to keep in its record grain, under <paramref name="Id"/> within the studio.</summary>
[GenerateSerializer, Immutable, Alias("orch.Filing")]
public sealed record Filing(string Id, object Record);
