using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>An external agent's session reads its durable inbox feed: across a restart of every silo it misses no
/// message and yields none twice, in the order the studio sent them.</summary>
[Collection(DurableClusterCollection.Name)]
public class AgentSessionFeedTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task A_session_follows_its_inbox_across_a_restart_of_every_silo_missing_nothing_and_repeating_nothing()
    {
        var studio = fixture.NewStudio();
        var agent = Ids.New("llm");
        await using var session = await studio.ConnectAgentAsync(agent, AgentKinds.ExperimentTracker, "LLM", 4);

        for (var i = 0; i < 5; i++) await studio.ReportBlockerAsync(Samples.Blocker(agent, $"blk-{i}"));
        await fixture.RestartAllSilosAsync(); // the feed's silo and the session's poll go with it
        for (var i = 5; i < 10; i++) await studio.ReportBlockerAsync(Samples.Blocker(agent, $"blk-{i}"));
        await studio.ResolveReportAsync("blk-0", agent, "unblocked");

        var received = new List<InboxMessage>();
        for (var i = 0; i < 11; i++) received.Add(await Eventually.Next(session.Inbox, $"message {i + 1} of 11", TimeSpan.FromSeconds(60)));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"blk-{i}"), received.OfType<ReportAcknowledged>().Select(a => a.ReportId));
        Assert.Equal("blk-0", Assert.IsType<ReportClosed>(received[^1]).ReportId);
        Assert.Equal(11, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(0, session.DroppedMessages);
    }
}
