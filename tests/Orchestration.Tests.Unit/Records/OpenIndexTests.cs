using CsCheck;
using Orchestration.Grains.Common;
using Orchestration.Grains.Records;

namespace Orchestration.Tests.Unit.Records;

/// <summary>Open records live in memory and are stored as changes to their pages, through an outbox written with the
/// Producer's state: whatever was delivered when a crash comes, the pages plus the stored outbox give back exactly the
/// index as it was at the last write.</summary>
public class OpenIndexTests
{
    /// <summary>One step of a Producer's life: change the index, write (its changes join the stored outbox), deliver
    /// the first <c>N</c> stored changes to their pages, or crash and load again.</summary>
    private abstract record Step;

    private sealed record Set(string Id, string Value) : Step;

    private sealed record Remove(string Id) : Step;

    private sealed record Write : Step;

    /// <summary>Delivers the first <c>Count</c> stored changes; the pages whose bit is set in <c>Failed</c> are not
    /// written (storage refused), so the outbox keeps them all and delivers again later.</summary>
    private sealed record Deliver(int Count, int Failed) : Step;

    private sealed record Crash : Step;

    private static readonly Gen<string> Ids = Gen.Int[0, 12].Select(i => $"r-{i}");

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (5, Gen.Select(Ids, Gen.Int[0, 3], (id, v) => (Step)new Set(id, $"v{v}"))),
        (3, Ids.Select(id => (Step)new Remove(id))),
        (2, Gen.Const((Step)new Write())),
        (2, Gen.Select(Gen.Int[0, 8], Gen.Frequency((2, Gen.Const(0)), (1, Gen.Int[1, 15])), (n, failed) => (Step)new Deliver(n, failed))),
        (1, Gen.Const((Step)new Crash())));

    [Fact]
    public void Pages_and_the_stored_outbox_give_back_the_index_as_it_was_at_the_last_write()
    {
        Steps.Array[1, 60].Sample(steps =>
        {
            var pages = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
            var outbox = new List<Filing>(); // what the last write stored and is not yet delivered
            var listed = new List<string>(); // the pages the last write listed
            var live = new OpenIndex<string>("reports", pageSize: 3);
            var atLastWrite = new Dictionary<string, string>(StringComparer.Ordinal);

            foreach (var step in steps)
            {
                switch (step)
                {
                    case Set(var id, var value):
                        live[id] = value;
                        break;
                    case Remove(var id):
                        live.Remove(id);
                        break;
                    case Write:
                        outbox.AddRange(live.TakeChanges());
                        listed = [.. live.Pages];
                        atLastWrite = live.ToDictionary(StringComparer.Ordinal);
                        break;
                    case Deliver(var count, var failed):
                        var delivered = outbox.Take(count).ToList();
                        var byPage = delivered.GroupBy(f => f.Id).ToList();
                        foreach (var (page, at) in byPage.Select((p, i) => (p, i)).Where(p => (failed >> p.i & 1) == 0))
                            OpenPage.Apply(pages.TryGetValue(page.Key, out var records) ? records : pages[page.Key] = new(StringComparer.Ordinal),
                                page.Select(f => (OpenEntry)f.Record));
                        if (Enumerable.Range(0, byPage.Count).All(i => (failed >> i & 1) == 0)) outbox.RemoveRange(0, delivered.Count);
                        break;
                    case Crash:
                        live = Load(pages, listed, outbox);
                        Assert.Equal(Sorted(atLastWrite), Sorted(live));
                        Assert.False(live.HasChanges);
                        break;
                }
            }

            var loaded = Load(pages, listed, outbox);
            Assert.Equal(Sorted(atLastWrite), Sorted(loaded));
            Assert.All(loaded.Keys, id => Assert.Contains(loaded.PageOf(id), listed));
            Assert.All(pages.Values, page => Assert.True(page.Count <= 3 + 12, "a page holds at most its size, plus records that left it and whose removal is not applied yet"));
        });
    }

    private static List<(string, string)> Sorted(IEnumerable<KeyValuePair<string, string>> items) =>
        [.. items.Select(i => (i.Key, i.Value)).OrderBy(i => i.Key, StringComparer.Ordinal)];

    /// <summary>What activation does: the listed pages, oldest first, then the stored outbox in order.</summary>
    private static OpenIndex<string> Load(Dictionary<string, Dictionary<string, object>> pages, List<string> listed, List<Filing> outbox)
    {
        var index = new OpenIndex<string>("reports", pageSize: 3);
        foreach (var page in listed.OrderBy(OpenPage.NumberOf))
        {
            index.LoadListed(page);
            foreach (var (id, record) in pages.GetValueOrDefault(page) ?? []) index.Load(page, new OpenEntry(id, record));
        }

        foreach (var filing in outbox) index.Load(filing.Id, (OpenEntry)filing.Record);
        return index;
    }

    [Fact]
    public void A_change_is_filed_once_per_record_and_page_and_a_record_that_left_a_page_is_removed_from_it()
    {
        var index = new OpenIndex<string>("escalations", pageSize: 2);
        index["esc-1"] = "raised";
        index["esc-1"] = "acknowledged";
        index["esc-2"] = "raised";
        index["esc-3"] = "raised"; // page 0 is full: the tail moves to page 1
        index.Remove("esc-2");
        index.Remove("never-there");
        Assert.Equal([("open:escalations:0", "esc-1", "acknowledged"), ("open:escalations:0", "esc-2", null), ("open:escalations:1", "esc-3", "raised")], Changes(index));
        Assert.Equal(["open:escalations:0", "open:escalations:1"], index.Pages);

        // esc-1 closes and opens again: it goes on the tail, and leaves page 0, which nothing is open on any more.
        index.Remove("esc-1");
        index["esc-1"] = "raised again";
        Assert.Equal([("open:escalations:0", "esc-1", null), ("open:escalations:1", "esc-1", "raised again")], Changes(index));
        Assert.Equal(["open:escalations:1"], index.Pages);
        Assert.Empty(index.TakeChanges());
        Assert.True(index.Owns("open:escalations:1"));
        Assert.False(new OpenIndex<string>("reports").Owns("open:escalations:1"));
    }

    [Fact]
    public void Records_opened_and_closed_together_touch_the_tail_page_only_however_many_are_open()
    {
        var index = new OpenIndex<string>("reports", pageSize: 256);
        for (var i = 0; i < 5_200; i++) index[$"open-{i}"] = "open";
        index.TakeChanges();

        for (var i = 0; i < 64; i++) index[$"pair-{i}"] = "open";
        for (var i = 0; i < 64; i += 2) index.Remove($"pair-{i}");

        Assert.Equal(["open:reports:20"], index.TakeChanges().Select(c => c.Id).Distinct());
    }

    private static List<(string Page, string Id, string? Value)> Changes(OpenIndex<string> index) =>
        [.. index.TakeChanges().Select(c => (c.Id, ((OpenEntry)c.Record).Id, ((OpenEntry)c.Record).Record as string))];
}
