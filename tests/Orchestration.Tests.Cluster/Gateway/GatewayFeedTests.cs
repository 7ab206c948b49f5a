using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>The inbox and the strategy as Server-Sent Events: read from the durable feeds, resumed with
/// Last-Event-ID, each message once per connection and none lost between connections.</summary>
[Collection(GatewayCollection.Name)]
public class GatewayFeedTests(GatewayFixture fixture)
{
    private static object Blocker(string id) => new { reportId = id, projectId = "p", summary = $"blocked {id}", blocks = "b", impact = "i", severity = "high", owner = "o" };

    /// <summary>Reads <paramref name="count"/> events of a feed on one connection, then drops it; <paramref name="afterFirst"/>
    /// runs once the first event has arrived (the connection is live).</summary>
    private static async Task<List<SseItem<string>>> Read(HttpAgent agent, string path, int count, string? lastEventId = null, Func<Task>? afterFirst = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, agent.Path(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await agent.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token))
        {
            events.Add(item);
            if (events.Count == 1 && afterFirst is not null) await afterFirst();
            if (events.Count == count) break;
        }

        return events;
    }

    private static string Summary(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.GetProperty("summary").GetString()!;

    [Fact]
    public async Task An_inbox_resumes_after_the_last_event_id_and_loses_nothing_sent_while_away()
    {
        var studio = Ids.New("studio");
        var agent = await fixture.Credential(studio, Ids.New("llm"), CredentialRole.Agent);
        (await agent.Post("agents", new { kind = AgentKinds.ExperimentTracker, displayName = "LLM", capacity = 2 })).Ok();
        foreach (var id in new[] { "b1", "b2", "b3" }) (await agent.Post("reports/blockers", Blocker(id))).Ok();

        var first = await Read(agent, $"agents/{agent.Subject}/inbox", 2);
        Assert.Equal(["1", "2"], first.Select(e => e.EventId));
        Assert.All(first, e => Assert.Equal("ReportAcknowledged", e.EventType));
        Assert.Contains("b1", Summary(first[0]), StringComparison.Ordinal);

        // Away: two more messages are sent (one a closure), and a retry that sends nothing new.
        (await agent.Post("reports/blockers", Blocker("b4"))).Ok();
        (await agent.Post("reports/b1/resolve", new { resolution = "cleared" })).Ok();
        (await agent.Post("reports/blockers", Blocker("b4"))).Ok();

        var resumed = await Read(agent, $"agents/{agent.Subject}/inbox", 3, lastEventId: first[^1].EventId);
        Assert.Equal(["3", "4", "5"], resumed.Select(e => e.EventId));
        Assert.Equal(["ReportAcknowledged", "ReportAcknowledged", "ReportClosed"], resumed.Select(e => e.EventType));
        Assert.Contains("b3", Summary(resumed[0]), StringComparison.Ordinal);

        // The same feed as a JSON page, for callers that poll.
        var page = (await agent.Get($"agents/{agent.Subject}/inbox/messages?after=4")).Ok();
        var entry = Assert.Single(page.Body.GetProperty("entries").EnumerateArray());
        Assert.Equal(("ReportClosed", 5), (entry.GetProperty("item").GetProperty("type").GetString(), entry.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task A_quiet_feed_answers_at_once_so_the_client_knows_it_is_connected()
    {
        var studio = Ids.New("studio");
        var agent = await fixture.Credential(studio, Ids.New("llm"), CredentialRole.Agent);
        foreach (var path in new[] { $"agents/{agent.Subject}/inbox", "strategy/feed" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, agent.Path(path));
            using var headers = new CancellationTokenSource(TimeSpan.FromSeconds(5)); // the feed itself waits 20 s per poll
            using var response = await agent.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_inbox_is_read_only_by_its_agent_or_an_operator()
    {
        var studio = Ids.New("studio");
        var agent = await fixture.Credential(studio, Ids.New("llm"), CredentialRole.Agent);
        var other = await fixture.Credential(studio, Ids.New("llm"), CredentialRole.Agent);
        var stakeholder = await fixture.Credential(studio, "sam", CredentialRole.Stakeholder);
        var op = await fixture.Credential(studio, "olivia", CredentialRole.Operator);
        (await agent.Post("agents", new { kind = AgentKinds.ExperimentTracker, displayName = "LLM", capacity = 2 })).Ok();
        (await agent.Post("reports/blockers", Blocker("b1"))).Ok();

        (await other.Get($"agents/{agent.Subject}/inbox/messages")).Refused(HttpStatusCode.Forbidden, "agentId");
        (await other.Get($"agents/{agent.Subject}/inbox")).Refused(HttpStatusCode.Forbidden, "agentId");
        (await stakeholder.Get($"agents/{agent.Subject}/inbox/messages")).Refused(HttpStatusCode.Forbidden, "agentId");
        Assert.Single((await op.Get($"agents/{agent.Subject}/inbox/messages")).Ok().Body.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task The_strategy_feed_sends_every_version_after_the_last_one_seen_then_each_new_one_live()
    {
        var studio = Ids.New("studio");
        var op = await fixture.Credential(studio, "olivia", CredentialRole.Operator);
        var agent = await fixture.Credential(studio, Ids.New("llm"), CredentialRole.Agent);
        object Strategy(int version) => new { messageId = $"s-{version}", version, priorities = new[] { $"p{version}" }, constraints = Array.Empty<string>(), rationale = $"v{version}" };
        (await op.Post("strategy", Strategy(1))).Ok();
        (await op.Post("strategy", Strategy(2))).Ok();

        // v2 arrives from the feed's history; v3 is published once the connection is live, and arrives on it.
        var versions = await Read(agent, "strategy/feed", 2, lastEventId: "1", afterFirst: async () => (await op.Post("strategy", Strategy(3))).Ok());

        Assert.Equal(["2", "3"], versions.Select(e => e.EventId));
        Assert.Equal(["p2", "p3"], versions.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("priorities")[0].GetString()));
        Assert.Equal("olivia", JsonDocument.Parse(versions[1].Data).RootElement.GetProperty("issuedBy").GetString());
    }
}
