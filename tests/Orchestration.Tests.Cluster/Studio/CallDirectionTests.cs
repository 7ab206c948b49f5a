using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Tests.Cluster.Infrastructure;
using Orchestration.Tests.Cluster.TestAgents;
using Orchestration.Walkthrough;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>Agents call the Producer; the Producer answers through streams only. No grain call ever goes back down.</summary>
[Collection(ClusterCollection.Name)]
public class CallDirectionTests(ClusterFixture fixture)
{
    private static readonly string[] AgentTypes = [AgentKinds.ExperimentTracker, AgentKinds.ProjectShipper, QaReviewerGrain.Kind];

    [Fact]
    public async Task The_walkthrough_makes_no_call_from_the_producer_to_an_agent_and_no_cycle()
    {
        var studio = fixture.NewStudio();
        // The walkthrough uses fixed agent ids; this test is its only user in the shared cluster.
        await new StudioWalkthrough(studio, TimeProvider.System, NullLogger<StudioWalkthrough>.Instance).RunAsync(CancellationToken.None);

        var edges = fixture.Calls.Edges;
        Assert.Contains(edges, e => AgentTypes.Contains(e.From) && e.To == "producer"); // agents do call up
        Assert.DoesNotContain(edges, e => e.From == "producer" && AgentTypes.Contains(e.To));
        Assert.False(HasCycle(edges), $"grain call graph has a cycle: {string.Join(", ", edges)}");
    }

    private static bool HasCycle(IReadOnlyCollection<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var state = new Dictionary<string, int>(); // 1: on the path, 2: done
        bool Visit(string node)
        {
            if (state.TryGetValue(node, out var s)) return s == 1;
            state[node] = 1;
            if (next.TryGetValue(node, out var targets) && targets.Any(Visit)) return true;
            state[node] = 2;
            return false;
        }

        return next.Keys.Any(Visit);
    }
}
