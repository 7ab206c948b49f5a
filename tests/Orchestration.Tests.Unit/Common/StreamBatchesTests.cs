using CsCheck;
using Orchestration.Grains.Common;

namespace Orchestration.Tests.Unit.Common;

/// <summary>What the Producer publishes goes out in batches that keep every item, in order, each batch within its
/// budget and count (an item over the budget alone), so no queue message is refused for its size.</summary>
public class StreamBatchesTests
{
    [Fact]
    public void Batches_keep_every_item_in_order_within_their_budget_and_count()
    {
        Gen.Select(Gen.Int[1, 5_000].List[0, 200], Gen.Int[100, 30_000], Gen.Int[1, 40]).Sample((sizes, budget, max) =>
        {
            var items = sizes.Select((size, index) => (Index: index, Size: size)).ToList();
            var batches = StreamBatches.Split(items, i => i.Size, budget, max).ToList();
            return batches.SelectMany(b => b).Select(i => i.Index).SequenceEqual(items.Select(i => i.Index))
                && batches.All(b => b.Count >= 1 && b.Count <= max && (b.Count == 1 || b.Sum(i => i.Size) <= budget))
                // as few as that allows: no batch could have taken the next batch's first item
                && batches.Zip(batches.Skip(1)).All(p => p.First.Count == max || p.First.Sum(i => i.Size) + p.Second[0].Size > budget);
        });
    }
}
