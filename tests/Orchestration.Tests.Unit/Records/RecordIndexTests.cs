using Orchestration.Grains.Common;
using Orchestration.Grains.Records;

namespace Orchestration.Tests.Unit.Records;

public class RecordIndexTests
{
    private static Filing Report(string id, string text = "resolved") => new(id, text);

    [Fact]
    public void An_id_never_filed_names_no_page_and_a_filed_one_names_its_page()
    {
        var index = new RecordIndex(new RecordIndexState());
        var pages = index.Paginate([Report("r-1"), Report("r-2")]);
        index.Filed(pages);

        Assert.Empty(index.PagesOf("r-3"));
        Assert.Equal([0L], index.PagesOf("r-1"));
        Assert.Equal("resolved", pages[0].Records.Find<string>("r-2"));
        Assert.Equal(1, index.Stored.NextPage);
    }

    [Fact]
    public void Pages_are_numbered_on_and_hold_at_most_a_page_each_keeping_an_id_at_its_last_filing()
    {
        var index = new RecordIndex(new RecordIndexState { NextPage = 7 });
        var filings = Enumerable.Range(0, RecordPage.Size + 10).Select(i => Report($"r-{i}")).Append(Report("r-0", "filed again")).ToList();

        var pages = index.Paginate(filings);

        Assert.Equal([7L, 8L], pages.Select(p => p.Page));
        Assert.Equal(RecordPage.Size, pages[0].Records.Filings.Count);
        Assert.Equal(10, pages[1].Records.Filings.Count); // r-0 moved to its last filing, on the second page
        Assert.Equal("filed again", pages[1].Records.Find<string>("r-0"));
        Assert.Null(pages[0].Records.Find<string>("r-0"));
        Assert.Equal(7, index.Stored.NextPage); // nothing moves until the pages are stored
    }

    [Fact]
    public void A_record_filed_again_later_names_its_newest_page_first()
    {
        var index = new RecordIndex(new RecordIndexState());
        index.Filed(index.Paginate([Report("conflict-1", "closed")]));
        index.Filed(index.Paginate([Report("other")]));
        index.Filed(index.Paginate([Report("conflict-1", "closed again")]));

        Assert.Equal([2L, 0L], index.PagesOf("conflict-1"));
    }

    [Fact]
    public void Filing_the_same_pages_again_after_a_crash_adds_nothing_to_the_tail()
    {
        var stored = new RecordIndexState();
        var index = new RecordIndex(stored);
        var pages = index.Paginate([Report("r-1"), Report("r-2")]);
        index.Filed(pages);

        // The page was written, the state was not: the next activation files the same outbox under the same number.
        var reloaded = new RecordIndex(new RecordIndexState { NextPage = 0, Tail = [.. stored.Tail] });
        reloaded.LoadTail();
        reloaded.Filed(reloaded.Paginate([Report("r-1"), Report("r-2")]));

        Assert.Equal(2, reloaded.Stored.Tail.Count);
        Assert.Equal([0L], reloaded.PagesOf("r-2"));
    }

    [Fact]
    public void The_tail_seals_into_parts_parts_merge_into_chunks_and_an_index_loaded_from_them_finds_every_id()
    {
        var stored = new RecordIndexState();
        var index = new RecordIndex(stored);
        var sealedPieces = new List<RecordIndexChunk>();
        void File(IEnumerable<string> ids)
        {
            foreach (var batch in ids.Chunk(300))
            {
                index.Filed(index.Paginate(batch.Select(id => Report(id))));
                while (index.NextToSeal is { } piece)
                {
                    sealedPieces.Add(piece);
                    index.Sealed(piece);
                }
            }
        }

        var ids = Enumerable.Range(0, RecordIndex.ChunkSize + 2 * RecordIndex.PartSize + 100).Select(i => $"r-{i}").ToList();
        File(ids);

        // Sixteen parts, then the chunk they make, then two parts of the next; the tail keeps the rest.
        Assert.Equal([.. Enumerable.Range(0, RecordIndex.PartsPerChunk).Select(p => $"0.{p}"), "0.all", "1.0", "1.1"],
            sealedPieces.Select(p => $"{p.Number}.{p.Part?.ToString() ?? "all"}"));
        Assert.Equal(sealedPieces.Take(RecordIndex.PartsPerChunk).SelectMany(p => p.Entries), sealedPieces[RecordIndex.PartsPerChunk].Entries);
        Assert.Equal((1, 2, 100), (stored.SealedChunks, stored.SealedParts, stored.Tail.Count));

        // Loaded as a new activation would: the chunk, the parts since, the tail.
        var loadedState = new RecordIndexState { NextPage = stored.NextPage, SealedChunks = 1, SealedParts = 2, Tail = [.. stored.Tail] };
        var loaded = new RecordIndex(loadedState);
        foreach (var piece in sealedPieces.Where(p => p.Number == 1 || p.Part is null)) loaded.Load(piece);
        loaded.LoadTail();
        Assert.All(ids, id => Assert.Equal(index.PagesOf(id), loaded.PagesOf(id)));
        Assert.Empty(loaded.PagesOf("never-filed"));

        // And it merges the next chunk as the first would have: the parts it loaded, then the ones it seals.
        var more = Enumerable.Range(ids.Count, RecordIndex.ChunkSize).Select(i => $"r-{i}").ToList();
        File(more);
        var merged = sealedPieces.Last(p => p is { Number: 1, Part: null });
        loaded.Filed(loaded.Paginate(more.Select(id => Report(id))));
        var mergedByLoaded = new List<RecordIndexChunk>();
        while (loaded.NextToSeal is { } piece)
        {
            mergedByLoaded.Add(piece);
            loaded.Sealed(piece);
        }

        Assert.Equal(merged.Entries.Select(e => e.Hash), mergedByLoaded.Single(p => p is { Number: 1, Part: null }).Entries.Select(e => e.Hash));
    }

    [Fact]
    public void A_piece_sealed_out_of_turn_is_refused()
    {
        var index = new RecordIndex(new RecordIndexState { SealedChunks = 3, SealedParts = 2 });
        Assert.Throws<InvalidOperationException>(() => index.Sealed(new RecordIndexChunk(2, [])));
        Assert.Throws<InvalidOperationException>(() => index.Sealed(new RecordIndexChunk(3, [], Part: 1)));
        Assert.Throws<InvalidOperationException>(() => index.Sealed(new RecordIndexChunk(3, []))); // a chunk before its sixteen parts
    }

    [Fact]
    public void Two_kinds_filed_under_one_id_are_told_apart_by_the_page()
    {
        var page = new RecordPage([new Filing("x-1", "an applied id"), new Filing("x-1", new Uri("https://example.org/x-1"))]);
        Assert.Equal("an applied id", page.Find<string>("x-1"));
        Assert.Equal("https://example.org/x-1", page.Find<Uri>("x-1")!.ToString());
        Assert.Null(page.Find<Version>("x-1"));
    }
}
