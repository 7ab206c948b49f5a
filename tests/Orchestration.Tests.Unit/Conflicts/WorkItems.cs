using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>Work items on a calendar counted from day 0, to keep examples readable.</summary>
internal static class WorkItems
{
    public static readonly DateOnly Day0 = new(2026, 1, 5);

    public static WorkItem Experiment(string id, int start, int end, decimal revenue = 200_000m, int sample = 10_000, params Dependency[] dependsOn) =>
        new(id, WorkItemKind.Experiment, "tracker-1", "checkout", $"Experiment {id}", Day0.AddDays(start), Day0.AddDays(end), dependsOn, revenue, sample);

    public static WorkItem Release(string id, int start, int committed, IReadOnlyList<CustomerCommitment>? commitments = null, params Dependency[] dependsOn) =>
        new(id, WorkItemKind.Release, "shipper-1", "checkout", $"Release {id}", Day0.AddDays(start), Day0.AddDays(committed), dependsOn, Commitments: commitments ?? []);

    public static Dictionary<string, WorkItem> Graph(params WorkItem[] items) => items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);

    public static Dependency On(string id, int lead = 0) => new(id, lead);
}
