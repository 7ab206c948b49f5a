using System.Diagnostics;

namespace Orchestration.Bench;

/// <summary>What one load level measured. Latencies in milliseconds; timeouts counted, never dropped.</summary>
public sealed record LoadResult(int Concurrency, int Completed, int TimedOut, int Failed, double Seconds, double PerSecond, double P50, double P99, double Max);

/// <summary>A closed-loop load generator: <c>concurrency</c> workers, each calling as fast as its own call returns.</summary>
public static class Load
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, long, Task> call)
    {
        var latencies = new List<double>[concurrency];
        var timedOut = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            for (long n = 0; clock.Elapsed < duration; n++)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call(worker, n).WaitAsync(CallTimeout);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref timedOut);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(concurrency, all.Length, timedOut, failed, seconds, all.Length / seconds,
            Percentile(all, 0.5), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    /// <summary>Runs rising levels until throughput grows by less than 10 % over the previous level: saturation.</summary>
    public static async Task<List<LoadResult>> RiseAsync(IEnumerable<int> levels, TimeSpan duration, Func<int, int, long, Task> call, Action<LoadResult> report)
    {
        var results = new List<LoadResult>();
        foreach (var level in levels)
        {
            var result = await RunAsync(level, duration, (worker, n) => call(level, worker, n));
            results.Add(result);
            report(result);
            if (results.Count > 1 && result.PerSecond < results[^2].PerSecond * 1.1) break;
        }

        return results;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
