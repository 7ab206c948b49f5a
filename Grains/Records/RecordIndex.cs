using System.IO.Hashing;
using System.Runtime.InteropServices;
using Orchestration.Grains.Common;

namespace Orchestration.Grains.Records;

/// <summary>
/// Which <see cref="RecordPage"/> holds a filed id, in memory, for the studio's whole life: a lookup of an id never
/// filed (every new report's id is looked up once) costs no storage round trip, and one that was filed reads one page.
/// It maps a 64-bit hash of the id to its pages, newest first; two ids with one hash only cost a second page read, since
/// the page itself is searched by id. What it holds is stored as sealed pieces (<see cref="RecordIndexChunk"/>) plus
/// the unsealed tail, kept in the Producer's state (<see cref="RecordIndexState"/>) and so written with the outbox it
/// came from: a crash between a page's write and the state's write files the same page again, under the same number.
/// The tail is sealed every <see cref="PartSize"/> entries into a part, so the Producer's every write carries at most
/// that many; every <see cref="PartsPerChunk"/> parts are merged into a chunk, so loading a studio reads one chunk per
/// <see cref="ChunkSize"/> filings and fewer than <see cref="PartsPerChunk"/> parts. Pure: the Producer does the reads
/// and writes.
/// </summary>
public sealed class RecordIndex(RecordIndexState stored)
{
    /// <summary>Tail entries sealed into a part: at most a few kilobytes of the Producer's state.</summary>
    public const int PartSize = 256;

    /// <summary>Parts merged into a chunk.</summary>
    public const int PartsPerChunk = 16;

    /// <summary>Entries per chunk: loading a studio reads one chunk per this many filings.</summary>
    public const int ChunkSize = PartSize * PartsPerChunk;

    private readonly Dictionary<ulong, long> _latest = [];
    private readonly Dictionary<ulong, List<long>> _earlier = []; // refiled ids (a conflict closed again) and hash twins: rare

    /// <summary>The entries of the parts sealed since the last chunk, in order: the next chunk, once there are enough.</summary>
    private readonly List<RecordIndexEntry> _unmerged = [];

    public RecordIndexState Stored => stored;

    public static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    /// <summary>Loads a sealed chunk or part: the chunks in order, then the parts since, then the tail (<see cref="LoadTail"/>).</summary>
    public void Load(RecordIndexChunk sealedPiece)
    {
        foreach (var entry in sealedPiece.Entries) Add(entry);
        if (sealedPiece.Part is not null) _unmerged.AddRange(sealedPiece.Entries);
    }

    public void LoadTail()
    {
        foreach (var entry in stored.Tail) Add(entry);
    }

    /// <summary>The pages that may hold <paramref name="id"/>, newest first; none if it was never filed here.</summary>
    public IEnumerable<long> PagesOf(string id)
    {
        var hash = Hash(id);
        if (!_latest.TryGetValue(hash, out var latest)) yield break;
        yield return latest;
        if (_earlier.TryGetValue(hash, out var earlier))
            for (var i = earlier.Count - 1; i >= 0; i--) yield return earlier[i];
    }

    /// <summary>
    /// Cuts filings into the next pages, numbered from <see cref="RecordIndexState.NextPage"/>, each id at its last
    /// filing (a record filed twice in one batch is kept as it was last). Nothing changes until <see cref="Filed"/>.
    /// </summary>
    public List<(long Page, RecordPage Records)> Paginate(IEnumerable<Filing> filings) =>
    [
        .. filings.Select((filing, at) => (filing, at))
            .GroupBy(f => (f.filing.Id, f.filing.Record.GetType())).Select(g => g.Last()).OrderBy(f => f.at).Select(f => f.filing)
            .Chunk(RecordPage.Size).Select((page, i) => (stored.NextPage + i, new RecordPage(page))),
    ];

    /// <summary>The pages are stored: their ids go into the index and the tail, and numbering moves past them.</summary>
    public void Filed(IReadOnlyList<(long Page, RecordPage Records)> pages)
    {
        foreach (var (page, records) in pages)
        {
            foreach (var filing in records.Filings)
            {
                var entry = new RecordIndexEntry(Hash(filing.Id), page);
                if (Add(entry)) stored.Tail.Add(entry);
            }

            stored.NextPage = Math.Max(stored.NextPage, page + 1);
        }
    }

    /// <summary>What to seal next, if anything: the chunk merged from <see cref="PartsPerChunk"/> parts, or else a part
    /// of the tail's first <see cref="PartSize"/> entries.</summary>
    public RecordIndexChunk? NextToSeal =>
        stored.SealedParts >= PartsPerChunk ? new RecordIndexChunk(stored.SealedChunks, [.. _unmerged])
        : stored.Tail.Count >= PartSize ? new RecordIndexChunk(stored.SealedChunks, [.. stored.Tail.Take(PartSize)], stored.SealedParts)
        : null;

    /// <summary>The piece <see cref="NextToSeal"/> named is stored: a part's entries leave the tail; a chunk's parts
    /// are no longer needed.</summary>
    public void Sealed(RecordIndexChunk sealedPiece)
    {
        if (sealedPiece.Number != stored.SealedChunks || (sealedPiece.Part ?? PartsPerChunk) != stored.SealedParts)
            throw new InvalidOperationException(
                $"record index {sealedPiece.Number}.{sealedPiece.Part?.ToString() ?? "all"} sealed out of turn (next is {stored.SealedChunks}.{stored.SealedParts})");
        if (sealedPiece.Part is null)
        {
            _unmerged.Clear();
            stored.SealedParts = 0;
            stored.SealedChunks++;
            return;
        }

        stored.Tail.RemoveRange(0, sealedPiece.Entries.Count);
        _unmerged.AddRange(sealedPiece.Entries);
        stored.SealedParts++;
    }

    /// <summary>Where a chunk (<paramref name="part"/> null) or one of its parts is kept.</summary>
    public static string Key(string studioId, int chunk, int? part = null) =>
        part is { } p ? $"{studioId}/record-index:{chunk}.{p}" : $"{studioId}/record-index:{chunk}";

    private bool Add(RecordIndexEntry entry)
    {
        if (!_latest.TryGetValue(entry.Hash, out var latest))
        {
            _latest[entry.Hash] = entry.Page;
            return true;
        }

        if (latest == entry.Page || (_earlier.TryGetValue(entry.Hash, out var seen) && seen.Contains(entry.Page))) return false; // filed again
        if (entry.Page > latest)
        {
            (_earlier.TryGetValue(entry.Hash, out var list) ? list : _earlier[entry.Hash] = []).Add(latest);
            _latest[entry.Hash] = entry.Page;
        }
        else
        {
            var list = _earlier.TryGetValue(entry.Hash, out var found) ? found : _earlier[entry.Hash] = [];
            list.Add(entry.Page);
            list.Sort();
        }

        return true;
    }
}

/// <summary>An id's hash and the page it was filed in.</summary>
[GenerateSerializer, Immutable, Alias("orch.RecordIndexEntry")]
public readonly record struct RecordIndexEntry([property: Id(0)] ulong Hash, [property: Id(1)] long Page);

/// <summary>A sealed piece of the index, written once: chunk <see cref="Number"/> (<see cref="RecordIndex.ChunkSize"/>
/// entries, key <c>{studio}/record-index:{n}</c>) or, when <see cref="Part"/> is set, one of its parts
/// (<see cref="RecordIndex.PartSize"/> entries, key <c>{studio}/record-index:{n}.{part}</c>).</summary>
[GenerateSerializer, Immutable, Alias("orch.RecordIndexChunk")]
public sealed record RecordIndexChunk(
    [property: Id(0)] int Number,
    [property: Id(1)] IReadOnlyList<RecordIndexEntry> Entries,
    [property: Id(2)] int? Part = null);

/// <summary>What the Producer's state keeps of its record index: where numbering is, how many chunks and parts are
/// sealed, and the entries since the last part.</summary>
[GenerateSerializer, Alias("orch.RecordIndexState")]
public sealed class RecordIndexState
{
    [Id(0)] public long NextPage { get; set; }

    [Id(1)] public int SealedChunks { get; set; }

    /// <summary>Parts of chunk <see cref="SealedChunks"/> sealed so far (they are merged into it at <see cref="RecordIndex.PartsPerChunk"/>).</summary>
    [Id(4)] public int SealedParts { get; set; }

    [Id(2)] public List<RecordIndexEntry> Tail { get; set; } = [];

    /// <summary>The studio was stored by a layout (5 or 6) that kept each closed record in a grain of its own: an id
    /// the index does not know may still be filed there, so it is looked up there too.</summary>
    [Id(3)] public bool LegacyRecordGrains { get; set; }
}
