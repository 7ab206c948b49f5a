using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestration.Gateway.Http;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Gateway.Feeds;

/// <summary>
/// An agent's inbox and the studio's strategy as Server-Sent Events, read from the durable feeds the Producer writes
/// (never from a stream): each event's id is its place in the feed, a reconnect with <c>Last-Event-ID</c> resumes
/// after it, so each message arrives once per connection and none is lost between connections. The same feeds as
/// JSON pages, for callers that poll.
/// </summary>
internal static class FeedEndpoints
{
    /// <summary>How long one long poll of a feed waits before the loop asks again.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(20);

    public static void Map(RouteGroupBuilder studio)
    {
        var inbox = studio.MapGroup("/agents/{agentId}/inbox").WithTags("Agents");
        inbox.MapGet("/", (Caller caller, IGrainFactory grains, HttpContext http, string agentId, long? after) =>
                Send(http, Inbox(Feed(grains, caller, agentId), ResumeAfter(http, after), http.RequestAborted)))
            .Produces<InboxMessage>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("The agent's inbox as Server-Sent Events, from after Last-Event-ID (or ?after=), live; the agent itself or an operator");
        inbox.MapGet("/messages", (Caller caller, IGrainFactory grains, string agentId, long? after, int? limit) =>
                Feed(grains, caller, agentId).Read(after ?? 0, limit ?? 100))
            .WithSummary("A page of the agent's inbox (pass the last sequence as after); the agent itself or an operator");

        var strategy = studio.MapGroup("/strategy/feed").WithTags("Strategy");
        strategy.MapGet("/", (Caller caller, IGrainFactory grains, HttpContext http, long? after) =>
                Send(http, Strategies(grains, caller.StudioId, ResumeAfter(http, after), http.RequestAborted)))
            .Produces<StudioStrategy>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("Every strategy version after Last-Event-ID (a version; or ?after=) as Server-Sent Events, then each new one live");
    }

    /// <summary>
    /// Writes the events as they come. The headers go out at once, before the first event: a client connected to a
    /// quiet feed knows it is connected (and a client library with a header timeout does not give up on it).
    /// </summary>
    private static async Task Send(HttpContext http, IAsyncEnumerable<SseItem<string>> events)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            await SseFormatter.WriteAsync(events, http.Response.Body, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the next connection resumes from its Last-Event-ID.
        }
    }

    private static IFeedGrain<InboxMessage> Feed(IGrainFactory grains, Caller caller, string agentId)
    {
        // An inbox is its agent's to read (an operator may look at any); the path names the agent, so check it here.
        if (caller.IsAgent && agentId != caller.Subject)
            throw new CallerMismatchException("agentId", $"is '{agentId}', but this credential is '{caller.Subject}': an agent reads only its own inbox");
        if (!caller.IsAgent && caller.Role != CredentialRole.Operator)
            throw new CallerMismatchException("agentId", "an inbox is read by its agent or an operator");
        return grains.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(caller.StudioId, agentId));
    }

    private static long ResumeAfter(HttpContext http, long? after)
    {
        var header = http.Request.Headers["Last-Event-ID"].ToString();
        if (header.Length == 0) return after ?? 0;
        return long.TryParse(header, out var id) && id >= 0 ? id : throw new InvalidRequestException("Last-Event-ID", $"'{header}' is not an event id this feed sent");
    }

    private static async IAsyncEnumerable<SseItem<string>> Inbox(IFeedGrain<InboxMessage> feed, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await feed.Next(after, 100, Poll, cancellationToken).WaitAsync(cancellationToken); // a closed connection ends now, not after the poll
            foreach (var entry in page.Entries)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(entry.Item, GatewayJson.Options), entry.Item.GetType().Name) { EventId = entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                after = entry.Sequence;
            }
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> Strategies(IGrainFactory grains, string studioId, long afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var feed = grains.GetGrain<IFeedGrain<StrategyBroadcast>>(FeedKeys.Strategy(studioId));
        SseItem<string> Event(StudioStrategy strategy) =>
            new(JsonSerializer.Serialize(strategy, GatewayJson.Options), "strategy") { EventId = strategy.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        // A studio whose strategy was published before it had a feed: the version in force comes from the Producer.
        var cursor = 0L;
        var first = await feed.Read(0, 1);
        if (first.Entries.Count == 0 || first.Entries[0].Item.Strategy.Version > 1)
        {
            var current = await grains.GetGrain<IProducerGrain>(studioId).GetStrategy();
            var firstInFeed = first.Entries.Count == 0 ? long.MaxValue : first.Entries[0].Item.Strategy.Version;
            if (current is not null && current.Version > afterVersion && current.Version < firstInFeed)
            {
                yield return Event(current);
                afterVersion = current.Version;
            }
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await feed.Next(cursor, 100, Poll, cancellationToken).WaitAsync(cancellationToken);
            foreach (var entry in page.Entries)
            {
                cursor = entry.Sequence;
                if (entry.Item.Strategy.Version <= afterVersion) continue;
                afterVersion = entry.Item.Strategy.Version;
                yield return Event(entry.Item.Strategy);
            }
        }
    }
}
