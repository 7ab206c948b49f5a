namespace Orchestration.Grains.Common;

/// <summary>
/// Splits what goes on one stream into batches, in order: each batch is one <c>OnNextBatchAsync</c>, which a persistent
/// stream provider turns into one queue message (Azure Queue streams: one queue write, where one per item made a busy
/// delivery wait on dozens of writes in a row). A batch stays under a byte budget (an Azure queue message holds 64 KiB,
/// and a batch travels base64-encoded with its container), and under a count; an item larger than the budget goes alone.
/// </summary>
public static class StreamBatches
{
    /// <summary>What a batch may weigh, by its items' canonical (JSON) form: 24 KB stays well inside a queue message.</summary>
    public const int ByteBudget = 24 * 1024;

    public const int MaxItems = 32;

    public static IEnumerable<IReadOnlyList<T>> Split<T>(IEnumerable<T> items, Func<T, int> size, int byteBudget = ByteBudget, int maxItems = MaxItems)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var batch = new List<T>();
        var bytes = 0;
        foreach (var item in items)
        {
            var weight = size(item);
            if (batch.Count > 0 && (batch.Count == maxItems || bytes + weight > byteBudget))
            {
                yield return batch;
                (batch, bytes) = ([], 0);
            }

            batch.Add(item);
            bytes += weight;
        }

        if (batch.Count > 0) yield return batch;
    }
}
