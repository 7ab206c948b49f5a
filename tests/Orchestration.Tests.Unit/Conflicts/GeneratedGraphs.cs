using CsCheck;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>
/// Work graphs a studio could have, generated: experiments and releases on a calendar of days, each item depending on
/// up to two earlier ones (so chains, diamonds, fans and shared causes all come up), with leads, customer commitments
/// (some contractual) and revenue at stake; and a sequence of changes to play on them — slips, slips taken back,
/// dependencies added and dropped — in random order.
/// </summary>
internal static class GeneratedGraphs
{
    public sealed record ItemSpec(bool Experiment, int Start, int Length, int FirstDependency, int SecondDependency, int Lead, int Commitment, int Revenue);

    public sealed record Change(int Item, int Days, int Kind);

    private static readonly Gen<ItemSpec> Spec = Gen.Select(
        Gen.Bool, Gen.Int[0, 30], Gen.Int[4, 30], Gen.Int[-1, 6], Gen.Int[-3, 6], Gen.Int[0, 4], Gen.Int[0, 5], Gen.Int[0, 4],
        (experiment, start, length, first, second, lead, commitment, revenue) => new ItemSpec(experiment, start, length, first, second, lead, commitment, revenue));

    /// <summary>Between 2 and <paramref name="max"/> items.</summary>
    public static Gen<WorkItem[]> Items(int max) => Spec.Array[2, max].Select(Build);

    public static readonly Gen<Change> Changes = Gen.Select(Gen.Int[0, 9], Gen.Int[-15, 25], Gen.Int[0, 9], (item, days, kind) => new Change(item, days, kind));

    /// <summary>Each of the strategy's orders of priorities a studio might publish.</summary>
    public static readonly Gen<string[]> Priorities = Gen.OneOf<string[]>(
        ["customer-commitments", "learning"], ["learning", "revenue"], ["revenue"], ["speed", "customer-commitments"], [], ["customer-commitments", "revenue", "speed", "learning"]);

    public static WorkItem[] Build(ItemSpec[] specs)
    {
        var items = new WorkItem[specs.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            var s = specs[i];
            var dependsOn = new List<Dependency>();
            if (i > 0 && s.FirstDependency >= 0) dependsOn.Add(new Dependency($"w{s.FirstDependency % i}", s.Lead));
            if (i > 1 && s.SecondDependency >= 0 && $"w{s.SecondDependency % i}" is var second && dependsOn.All(d => d.ItemId != second))
                dependsOn.Add(new Dependency(second, s.Lead / 2));
            // A dependent starts around when what it needs is ready, give or take: some are late from the start.
            var anchor = dependsOn.Count == 0 ? s.Start : dependsOn.Max(d => items[int.Parse(d.ItemId[1..])].End.DayNumber - WorkItems.Day0.DayNumber) + s.Start / 3 - 4;
            var start = WorkItems.Day0.AddDays(Math.Max(0, anchor));
            var commitments = s.Experiment || s.Commitment == 0 ? [] : new[] { new CustomerCommitment($"customer-{i}", 5 * s.Commitment, Contractual: s.Commitment % 2 == 1) };
            items[i] = new WorkItem($"w{i}", s.Experiment ? WorkItemKind.Experiment : WorkItemKind.Release, s.Experiment ? "tracker-1" : "shipper-1",
                "p", $"Item w{i}", start, start.AddDays(s.Length), dependsOn, s.Experiment ? 50_000m * s.Revenue : 0m, s.Experiment ? 10_000 : 0, commitments);
        }

        return items;
    }

    public static Dictionary<string, WorkItem> Graph(IEnumerable<WorkItem> items) => items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
}
