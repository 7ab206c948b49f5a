using System.Collections.Concurrent;
using Orchestration.Grains.Feeds;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Journal;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>What a fault can be injected into, for one studio.</summary>
public enum FaultTarget
{
    /// <summary>Every append to the studio's journal.</summary>
    Journal,

    /// <summary>Every append to one of the studio's external agents' inbox feeds.</summary>
    InboxFeeds,
}

/// <summary>
/// Fault injection: while a studio is armed, every call to the target fails as a storage outage would, on every silo of
/// the cluster. The rest of the studio (the Producer's own state, its streams) keeps working.
/// </summary>
public sealed class StudioFaults : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(FaultTarget, string), byte> Armed = new();

    /// <summary>Arms the fault until the returned scope is disposed.</summary>
    public static IDisposable Arm(FaultTarget target, string studioId)
    {
        Armed[(target, studioId)] = 0;
        return new Disarm(() => Armed.TryRemove((target, studioId), out _));
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name == "Append" && Target(context) is { } armed && Armed.ContainsKey(armed))
            throw new IOException($"injected fault: the {armed.Item1} storage is unavailable");
        return context.Invoke();
    }

    private static (FaultTarget, string)? Target(IIncomingGrainCallContext context) => context.Grain switch
    {
        JournalSegmentGrain => (FaultTarget.Journal, JournalSegments.Parse(context.TargetId.Key.ToString()!).StudioId),
        FeedGrain<InboxMessage> when context.TargetId.Key.ToString() is { } key && key.IndexOf("/inbox:", StringComparison.Ordinal) is > 0 and var at =>
            (FaultTarget.InboxFeeds, key[..at]),
        _ => null,
    };

    private sealed class Disarm(Action disarm) : IDisposable
    {
        public void Dispose() => disarm();
    }
}
