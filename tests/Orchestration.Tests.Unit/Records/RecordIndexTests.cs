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
    public void The_tail_seals_into_chunks_and_an_index_loaded_from_chunks_and_tail_finds_every_id()
    {
        var stored = new RecordIndexState();
        var index = new RecordIndex(stored);
        var ids = Enumerable.Range(0, RecordIndex.ChunkSize * 2 + 100).Select(i => $"r-{i}").ToList();
        foreach (var batch in ids.Chunk(300)) index.Filed(index.Paginate(batch.Select(id => Report(id))));

        var chunks = new List<RecordIndexChunk>();
        while (index.ChunkToSeal is { } chunk)
        {
            chunks.Add(chunk);
            index.Sealed(chunk);
        }

        Assert.Equal([0, 1], chunks.Select(c => c.Number));
        Assert.Equal(2, stored.SealedChunks);
        Assert.Equal(100, stored.Tail.Count);

        var loaded = new RecordIndex(stored);
        foreach (var chunk in chunks) loaded.Load(chunk);
        loaded.LoadTail();
        Assert.All(ids, id => Assert.Equal(index.PagesOf(id), loaded.PagesOf(id)));
        Assert.Empty(loaded.PagesOf("never-filed"));
    }

    [Fact]
    public void A_chunk_sealed_out_of_turn_is_refused()
    {
        var index = new RecordIndex(new RecordIndexState { SealedChunks = 3 });
        Assert.Throws<InvalidOperationException>(() => index.Sealed(new RecordIndexChunk(2, [])));
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
