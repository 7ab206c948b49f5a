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

    private sealed record Deliver(int Count) : Step;

    private sealed record Crash : Step;

    private static readonly Gen<string> Ids = Gen.Int[0, 12].Select(i => $"r-{i}");

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (5, Gen.Select(Ids, Gen.Int[0, 3], (id, v) => (Step)new Set(id, $"v{v}"))),
        (3, Ids.Select(id => (Step)new Remove(id))),
        (2, Gen.Const((Step)new Write())),
        (2, Gen.Int[0, 8].Select(n => (Step)new Deliver(n))),
        (1, Gen.Const((Step)new Crash())));

    [Fact]
    public void Pages_and_the_stored_outbox_give_back_the_index_as_it_was_at_the_last_write()
    {
        Steps.Array[1, 60].Sample(steps =>
        {
            var pages = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
            var outbox = new List<Filing>(); // what the last write stored and is not yet delivered
            var live = new OpenIndex<string>("reports");
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
                        atLastWrite = live.ToDictionary(StringComparer.Ordinal);
                        break;
                    case Deliver(var count):
                        var delivered = outbox.Take(count).ToList();
                        foreach (var page in delivered.GroupBy(f => f.Id))
                            OpenPage.Apply(pages.TryGetValue(page.Key, out var records) ? records : pages[page.Key] = new(StringComparer.Ordinal),
                                page.Select(f => (OpenEntry)f.Record));
                        outbox.RemoveRange(0, delivered.Count);
                        break;
                    case Crash:
                        live = Load(pages, outbox);
                        Assert.Equal(Sorted(atLastWrite), Sorted(live));
                        Assert.False(live.HasChanges);
                        break;
                }
            }

            Assert.Equal(Sorted(atLastWrite), Sorted(Load(pages, outbox)));
            Assert.All(pages, page => Assert.All(page.Value.Keys, id => Assert.Equal(page.Key, live.PageOf(id))));
        });
    }

    private static List<(string, string)> Sorted(IEnumerable<KeyValuePair<string, string>> items) =>
        [.. items.Select(i => (i.Key, i.Value)).OrderBy(i => i.Key, StringComparer.Ordinal)];

    private static OpenIndex<string> Load(Dictionary<string, Dictionary<string, object>> pages, List<Filing> outbox)
    {
        var index = new OpenIndex<string>("reports");
        foreach (var (_, records) in pages)
            foreach (var (id, record) in records) index.Load(new OpenEntry(id, record));
        foreach (var filing in outbox) index.Load((OpenEntry)filing.Record);
        return index;
    }

    [Fact]
    public void A_change_is_filed_once_per_id_as_it_is_at_the_write_and_a_page_belongs_to_its_book()
    {
        var index = new OpenIndex<string>("escalations");
        index["esc-1"] = "raised";
        index["esc-1"] = "acknowledged";
        index["esc-2"] = "raised";
        index.Remove("esc-2");
        index.Remove("never-there");

        var changes = index.TakeChanges();

        Assert.Equal([("esc-1", "acknowledged"), ("esc-2", null)], changes.Select(c => (((OpenEntry)c.Record).Id, ((OpenEntry)c.Record).Record as string)));
        Assert.All(changes, c => Assert.True(index.Owns(c)));
        Assert.False(new OpenIndex<string>("reports").Owns(changes[0]));
        Assert.Empty(index.TakeChanges());
    }

    [Fact]
    public void An_id_lands_on_the_same_page_in_every_process_and_ids_spread_over_the_pages()
    {
        Assert.Equal("open:reports:" + OpenPage.Number("blk-42", OpenIndex<string>.Pages), new OpenIndex<string>("reports").PageOf("blk-42"));
        Assert.Equal(OpenPage.Number("blk-42", 64), OpenPage.Number("blk-42", 64));
        Assert.Equal(49, OpenPage.Number("blk-42", 64)); // FNV-1a, fixed: a different number would strand stored pages
        var used = Enumerable.Range(0, 5_200).Select(i => OpenPage.Number($"blk-{i}", 64)).GroupBy(n => n).ToList();
        Assert.Equal(64, used.Count);
        Assert.True(used.Max(g => g.Count()) < 2 * 5_200 / 64, "no page holds twice its share");
    }
}
