using Orchestration.Grains.Common;

namespace Orchestration.Grains.Records;

/// <summary>
/// Closed records filed together: what one delivery of the Producer's outbox filed (resolved reports, resolved
/// escalations, settled handoffs, closed conflicts, finished work, applied ids …), at most <see cref="Size"/> of them,
/// kept for the studio's whole life in a record grain of its own (key <c>{studio}/records:{n}</c>). A busy studio
/// files a page per storage write rather than a record per write; <see cref="RecordIndex"/> says which page holds an id.
/// </summary>
[GenerateSerializer, Immutable, Alias("orch.RecordPage")]
public sealed record RecordPage([property: Id(0)] IReadOnlyList<Filing> Filings)
{
    /// <summary>Records per page: a migration that files thousands at once still writes pages of a few hundred kilobytes.</summary>
    public const int Size = 256;

    public static string Key(string studioId, long page) => $"{studioId}/records:{page}";

    /// <summary>The last record of kind <typeparamref name="T"/> filed here under <paramref name="id"/>, if any.</summary>
    public T? Find<T>(string id) where T : class =>
        Filings.LastOrDefault(f => f.Record is T && string.Equals(f.Id, id, StringComparison.Ordinal))?.Record as T;
}
