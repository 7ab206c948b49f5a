using System.Collections.Concurrent;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>Many agents call one studio at once: the Producer interleaves them and stores them in shared writes,
/// and every caller's change is still stored, journaled, streamed and acknowledged exactly once, in one order.</summary>
[Collection(ClusterCollection.Name)]
public class ConcurrentCallerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Reports_from_many_agents_at_once_are_each_stored_journaled_and_acknowledged_once()
    {
        var studio = fixture.NewStudio();
        var agents = Enumerable.Range(0, 32).Select(i => Ids.New($"agent{i}")).ToList();
        foreach (var agent in agents) await studio.RegisterExternalAgentAsync(agent, AgentKinds.ProjectShipper, agent, 2);
        var acks = new ConcurrentDictionary<string, int>();
        var inboxes = new List<IAsyncDisposable>();
        foreach (var agent in agents)
            inboxes.Add(await studio.WatchInboxAsync(agent, m =>
            {
                if (m is ReportAcknowledged ack) acks.AddOrUpdate(ack.ReportId, 1, (_, n) => n + 1);
                return Task.CompletedTask;
            }));

        // Every agent reports three blockers and resolves one, all at once; one agent also retries its first report.
        await Task.WhenAll(agents.Select(async agent =>
        {
            for (var n = 0; n < 3; n++) await studio.ReportBlockerAsync(Samples.Blocker(agent, $"{agent}-{n}"));
            await studio.ResolveReportAsync($"{agent}-0", agent, "unblocked");
        }).Append(studio.ReportBlockerAsync(Samples.Blocker(agents[0], $"{agents[0]}-0"))));

        Assert.Equal(agents.Count * 2, (await studio.GetOpenReportsAsync()).Count);
        var journal = new List<StudioEvent>();
        await foreach (var e in studio.ReadJournalAsync()) journal.Add(e);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(n => (long)n), journal.Select(e => e.Sequence)); // one order, no gap, no double
        Assert.Equal(agents.Count * 3, journal.OfType<ReportRaised>().Count());
        Assert.Equal(agents.Count, journal.OfType<ReportResolved>().Count());
        Assert.Equal((await studio.GetOverviewAsync()).EventsPublished, journal.Count);
        await Eventually.Until(() => Task.FromResult(acks.Count), n => n == agents.Count * 3, "every report to be acknowledged");

        // After a fresh activation, storage holds the same: nothing was acknowledged that was not stored.
        await fixture.Cluster.DeactivateAsync(studio.Producer);
        Assert.Equal(agents.Count * 2, (await studio.GetOpenReportsAsync()).Count);
        foreach (var inbox in inboxes) await inbox.DisposeAsync();
    }
}
