using System.IO.Hashing;
using System.Runtime.InteropServices;
using Orchestration.Grains.Common;

namespace Orchestration.Grains.Records;

/// <summary>
/// Which <see cref="RecordPage"/> holds a filed id, in memory, for the studio's whole life: a lookup of an id never
/// filed (every new report's id is looked up once) costs no storage round trip, and one that was filed reads one page.
/// It maps a 64-bit hash of the id to its pages, newest first; two ids with one hash only cost a second page read, since
/// the page itself is searched by id. What it holds is stored as sealed <see cref="RecordIndexChunk"/>s of
/// <see cref="ChunkSize"/> entries plus the unsealed tail, kept in the Producer's state (<see cref="RecordIndexState"/>)
/// and so written with the outbox it came from: a crash between a page's write and the state's write files the same
/// page again, under the same number. Pure: the Producer does the reads and writes.
/// </summary>
public sealed class RecordIndex(RecordIndexState stored)
{
    /// <summary>Entries per sealed chunk: the tail stays a few kilobytes of the Producer's state, and loading a studio
    /// reads one chunk per this many filings.</summary>
    public const int ChunkSize = 1_024;

    private readonly Dictionary<ulong, long> _latest = [];
    private readonly Dictionary<ulong, List<long>> _earlier = []; // refiled ids (a conflict closed again) and hash twins: rare

    public RecordIndexState Stored => stored;

    /// <summary>Entries (an id in a page) this index holds.</summary>
    public int Count { get; private set; }

    public static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    /// <summary>Loads a sealed chunk; chunks are loaded in order, then the tail (<see cref="LoadTail"/>).</summary>
    public void Load(RecordIndexChunk chunk)
    {
        foreach (var entry in chunk.Entries) Add(entry);
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
    public List<(long Page, RecordPage Records)> Paginate(IEnumerable<Filing> filings)
    {
        var last = new Dictionary<(string, Type), int>();
        var ordered = new List<Filing>();
        foreach (var filing in filings)
        {
            var key = (filing.Id, filing.Record.GetType());
            if (last.TryGetValue(key, out var at)) ordered[at] = null!;
            last[key] = ordered.Count;
            ordered.Add(filing);
        }

        return [.. ordered.Where(f => f is not null).Chunk(RecordPage.Size).Select((page, i) => (stored.NextPage + i, new RecordPage(page)))];
    }

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

    /// <summary>The tail's first <see cref="ChunkSize"/> entries, once it has that many: the next chunk to seal.</summary>
    public RecordIndexChunk? ChunkToSeal =>
        stored.Tail.Count >= ChunkSize ? new RecordIndexChunk(stored.SealedChunks, [.. stored.Tail.Take(ChunkSize)]) : null;

    /// <summary>The chunk is stored: its entries leave the tail.</summary>
    public void Sealed(RecordIndexChunk chunk)
    {
        if (chunk.Number != stored.SealedChunks) throw new InvalidOperationException($"chunk {chunk.Number} sealed out of turn (next is {stored.SealedChunks})");
        stored.Tail.RemoveRange(0, chunk.Entries.Count);
        stored.SealedChunks++;
    }

    public static string ChunkKey(string studioId, int chunk) => $"{studioId}/record-index:{chunk}";

    private bool Add(RecordIndexEntry entry)
    {
        if (!_latest.TryGetValue(entry.Hash, out var latest))
        {
            _latest[entry.Hash] = entry.Page;
            Count++;
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

        Count++;
        return true;
    }
}

/// <summary>An id's hash and the page it was filed in.</summary>
[GenerateSerializer, Immutable, Alias("orch.RecordIndexEntry")]
public readonly record struct RecordIndexEntry([property: Id(0)] ulong Hash, [property: Id(1)] long Page);

/// <summary><see cref="RecordIndex.ChunkSize"/> entries of the index, sealed once (key <c>{studio}/record-index:{n}</c>).</summary>
[GenerateSerializer, Immutable, Alias("orch.RecordIndexChunk")]
public sealed record RecordIndexChunk([property: Id(0)] int Number, [property: Id(1)] IReadOnlyList<RecordIndexEntry> Entries);

/// <summary>What the Producer's state keeps of its record index: where numbering is, how many chunks are sealed, and
/// the entries since the last one.</summary>
[GenerateSerializer, Alias("orch.RecordIndexState")]
public sealed class RecordIndexState
{
    [Id(0)] public long NextPage { get; set; }

    [Id(1)] public int SealedChunks { get; set; }

    [Id(2)] public List<RecordIndexEntry> Tail { get; set; } = [];

    /// <summary>The studio was stored by a layout (5 or 6) that kept each closed record in a grain of its own: an id
    /// the index does not know may still be filed there, so it is looked up there too.</summary>
    [Id(3)] public bool LegacyRecordGrains { get; set; }
}
