using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>Waits on conditions, never on the clock: each wait ends as soon as its condition holds, or fails with
/// what it last saw once the timeout passes.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var timeout = within ?? Timeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > timeout)
            {
                var seen = JsonSerializer.Serialize(value);
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last seen: {(seen.Length > 2000 ? seen[..2000] + "…" : seen)}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The next item of a feed, or a failure naming what was expected.</summary>
    public static async Task<T> Next<T>(ChannelReader<T> feed, string what, TimeSpan? within = null)
    {
        var bound = within ?? Timeout;
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            return await feed.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out after {bound.TotalSeconds:0} s waiting for {what}");
        }
    }
}
