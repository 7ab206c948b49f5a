using System.Collections.Concurrent;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// Records which of our grain types called which, for every call in the cluster. Calls from clients and from the
/// stream runtime (deliveries) carry no grain source of ours, and timer ticks no contract of ours, so what remains is
/// the grain-to-grain call graph. A <c>[OneWay]</c> call is not an edge: the caller never waits on it, which is how the
/// design lets a grain signal "back up" (an SLA timer telling the Producer its minute has come).
/// </summary>
public sealed class CallGraph : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string From, string To), int> _edges = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Only calls through our contracts: Orleans delivers grain timer ticks and extension calls as invocations too.
        if (context.SourceId is { } source && context.Grain.GetType().Namespace?.StartsWith("Orchestration", StringComparison.Ordinal) == true
            && context.InterfaceMethod.DeclaringType?.Namespace?.StartsWith("Orchestration", StringComparison.Ordinal) == true
            && !context.InterfaceMethod.IsDefined(typeof(Orleans.Concurrency.OneWayAttribute), inherit: false))
            _edges.AddOrUpdate((source.Type.ToString()!, context.TargetId.Type.ToString()!), 1, (_, n) => n + 1);
        await context.Invoke();
    }

    public IReadOnlyCollection<(string From, string To)> Edges => [.. _edges.Keys];
}
