namespace Orchestration.Grains.Common;

/// <summary>Keeps the newest <c>capacity</c> entries of a persisted list, dropping the oldest.</summary>
public static class BoundedLog
{
    public static void Append<T>(List<T> log, T entry, int capacity)
    {
        log.Add(entry);
        if (log.Count > capacity) log.RemoveRange(0, log.Count - capacity);
    }
}
