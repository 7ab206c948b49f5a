using System.Reflection;
using NetArchTest.Rules;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Producer;

namespace Orchestration.Tests.Unit.Architecture;

/// <summary>
/// The layout rules a reviewer would otherwise check by hand: capability folders stand on their own (none imports
/// the Producer, which composes them), the capabilities' namespaces form no cycle, and grain interfaces stay the size
/// of the Orleans samples'.
/// </summary>
public class ArchitectureTests
{
    private const string Root = "Orchestration.Grains";
    private static readonly Assembly Grains = typeof(ProducerGrain).Assembly;
    private static readonly Assembly Contract = typeof(IProducerGrain).Assembly;

    /// <summary>The capability namespaces under Orchestration.Grains (the root holds only the silo's registration).</summary>
    private static readonly string[] Capabilities = [.. Grains.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(n => n.StartsWith(Root + ".", StringComparison.Ordinal))
        .Select(n => n[(Root.Length + 1)..].Split('.')[0])
        .Distinct()
        .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_capabilities_are_the_folders_a_newcomer_sees()
    {
        Assert.Contains("Producer", Capabilities);
        Assert.Contains("Conflicts", Capabilities);
        Assert.Contains("Journal", Capabilities);
        Assert.True(Capabilities.Length >= 10, string.Join(", ", Capabilities));
    }

    [Fact]
    public void No_capability_imports_the_Producer()
    {
        var offenders = Capabilities.Where(c => c != "Producer")
            .SelectMany(c => InCapability(c).And().HaveDependencyOn($"{Root}.Producer").GetTypes())
            .Select(t => t.FullName);

        Assert.Empty(offenders);
    }

    [Fact]
    public void Capabilities_depend_on_each_other_without_a_cycle()
    {
        var edges = Capabilities
            .SelectMany(from => Capabilities.Where(to => to != from && InCapability(from).And().HaveDependencyOn($"{Root}.{to}").GetTypes().Any())
                .Select(to => (From: from, To: to)))
            .ToList();

        Assert.Contains(("Health", "Metrics"), edges); // the review uses the metrics: the graph sees real dependencies
        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"namespace cycle: {string.Join(" → ", cycle ?? [])}");
    }

    [Fact]
    public void Grain_interfaces_have_at_most_twenty_methods()
    {
        var large = new[] { Contract, Grains }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && t.Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true)
            .Select(t => (t.FullName, Methods: t.GetMethods().Length + t.GetInterfaces().Where(i => i.Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true).Sum(i => i.GetMethods().Length)))
            .Where(t => t.Methods > 20)
            .Select(t => $"{t.FullName} ({t.Methods})");

        Assert.Empty(large);
    }

    [Fact]
    public void The_contract_references_nothing_of_the_implementation()
    {
        var result = Types.InAssembly(Contract).ShouldNot().HaveDependencyOnAny($"{Root}.Producer", $"{Root}.Conflicts", $"{Root}.Journal", $"{Root}.Common").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    private static PredicateList InCapability(string capability) =>
        Types.InAssembly(Grains).That().ResideInNamespaceMatching($@"^{Root.Replace(".", @"\.", StringComparison.Ordinal)}\.{capability}(\..+)?$");

    private static List<string>? FindCycle(List<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var path = new List<string>();
        var done = new HashSet<string>();
        List<string>? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0) return [.. path[at..], node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var target in next.GetValueOrDefault(node) ?? [])
                if (Visit(target) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }

        return next.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }
}
