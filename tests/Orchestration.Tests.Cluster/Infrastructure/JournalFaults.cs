using System.Collections.Concurrent;
using Orchestration.Grains.Journal;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// Fault injection: while a studio is armed, every append to its journal fails as a storage outage would, on every
/// silo of the cluster. The rest of the studio (the Producer's own state, its streams) keeps working.
/// </summary>
public sealed class JournalFaults : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, byte> Armed = new(StringComparer.Ordinal);

    public static void Arm(string studioId) => Armed[studioId] = 0;

    public static void Disarm(string studioId) => Armed.TryRemove(studioId, out _);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is JournalSegmentGrain && context.InterfaceMethod.Name == nameof(IJournalSegmentGrain.Append)
            && Armed.ContainsKey(JournalSegments.Parse(context.TargetId.Key.ToString()!).StudioId))
            throw new IOException("injected fault: the journal's storage is unavailable");
        return context.Invoke();
    }
}
