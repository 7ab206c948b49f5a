namespace Orchestration.Grains.Common;

/// <summary>
/// How long a failed message (a notification, a model's reaction) waits before its next attempt: exponential (base × 2^(attempt−1), capped) with "equal
/// jitter" (between half and all of it), so a receiver that comes back is not hit by every message at once. The jitter
/// is drawn from the message's key and attempt, not a random source, so a simulated run retries at the same virtual
/// times every time. The wait is stored with the message, so retries continue across silo restarts.
/// </summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, string key, TimeSpan baseDelay, TimeSpan cap)
    {
        var exponential = Math.Min(cap.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromMilliseconds(exponential * (0.5 + 0.5 * Unit(key, attempt)));
    }

    /// <summary>A number in [0, 1) from the key and attempt (FNV-1a).</summary>
    private static double Unit(string key, int attempt)
    {
        var hash = 2166136261u;
        foreach (var c in key) hash = (hash ^ c) * 16777619u;
        hash = (hash ^ (uint)attempt) * 16777619u;
        return (hash & 0xFFFFFF) / (double)0x1000000;
    }
}
