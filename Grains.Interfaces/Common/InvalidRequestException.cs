namespace Orchestration.Grains.Interfaces.Common;

/// <summary>
/// A request was refused at the grain boundary; the grain's state is unchanged.
/// Crosses the wire intact, so an agent service in another process can tell which field to fix.
/// </summary>
[GenerateSerializer, Alias("orch.InvalidRequestException")]
public class InvalidRequestException : Exception
{
    /// <summary>The field and the reason are made inert (<see cref="PrintableText.Inert"/>): a reason often quotes the
    /// refused value, and it goes back to a terminal and into logs.</summary>
    public InvalidRequestException(string field, string reason)
        : base($"{PrintableText.Inert(field)}: {PrintableText.Inert(reason)}")
    {
        Field = PrintableText.Inert(field);
        Reason = PrintableText.Inert(reason);
    }

    /// <summary>The request field at fault, as a path ("report.summary", "strategy.version").</summary>
    [Id(0)] public string Field { get; }

    /// <summary>Why it was refused, in words a caller can act on.</summary>
    [Id(1)] public string Reason { get; }
}

/// <summary>
/// A request was refused because the caller is not the party that may make it: an agent answering a handoff
/// addressed to another, acknowledging a decision it is not part of, or changing work another agent owns. The HTTP
/// gateway answers it with 403; over Orleans it is an <see cref="InvalidRequestException"/> like any other refusal.
/// </summary>
[GenerateSerializer, Alias("orch.NotPermittedException")]
public sealed class NotPermittedException(string field, string reason) : InvalidRequestException(field, reason);
