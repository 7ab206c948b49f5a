using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Gateway.Http;

/// <summary>A work item declared (or declared again with new dates) and why.</summary>
public sealed record WorkDeclaration(WorkItem Item, string Reason);

/// <summary>Closes a blocker or risk.</summary>
public sealed record ReportResolutionRequest(string Resolution, string? ResolvedBy = null);

/// <summary>An agent applied its action items of a decision.</summary>
public sealed record DecisionAcknowledgementRequest(string DecisionId, string? AgentId = null);

/// <summary>Small rules every endpoint shares: a body is required, and an id in the path and in the body agree.</summary>
internal static class RequestRules
{
    public static T Required<T>(T? body) where T : class =>
        body ?? throw new InvalidRequestException("body", "is required");

    /// <summary>The id the path names; a body may repeat it, but not name another.</summary>
    public static string SameId(string pathId, string? bodyId, string field) =>
        string.IsNullOrEmpty(bodyId) || bodyId == pathId
            ? pathId
            : throw new InvalidRequestException(field, $"is '{bodyId}' but the path names '{pathId}'");

    /// <summary>A command's idempotency key: the id in the body, else the <c>Idempotency-Key</c> header.</summary>
    public static string? IdOrKey(string? bodyId, string? idempotencyKey) =>
        string.IsNullOrEmpty(bodyId) ? idempotencyKey : bodyId;
}

/// <summary>The thing a path names does not exist: 404, naming the field.</summary>
public sealed class NotFound(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;

    public static NotFound Of(string field, string reason) => new(field, reason);
}
