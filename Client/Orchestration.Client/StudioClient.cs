using System.Runtime.CompilerServices;
using Orchestration.Client.Agents;
using Orchestration.Client.Identity;
using Orchestration.Client.Streams;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.ServiceDefaults;
using Orleans.Streams;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Registry;

namespace Orchestration.Client;

/// <summary>
/// The typed entry point for agent services and operators: one studio, reached over an Orleans client.
/// Every call goes to the studio's Producer or to a hosted agent grain; refusals arrive as
/// <see cref="Grains.Interfaces.Common.InvalidRequestException"/> naming the field and the reason.
/// The <c>…Async</c> methods and <see cref="CallAsync{T}"/> ride out a silo's loss: each attempt is bounded and a
/// transient failure is retried with the same request (<see cref="OrchestrationResilience"/>; pass another pipeline to
/// change it). The grain references (<see cref="Producer"/>, …) are the raw calls, without retries.
/// Every call carries the client's credential (<see cref="OrchestrationClientOptions.Credential"/>), or the one given
/// to <see cref="As"/>: the studio takes who acts from it.
/// </summary>
public sealed class StudioClient(IClusterClient client, string studioId, ResiliencePipeline? calls = null)
{
    private readonly ResiliencePipeline _calls = calls ?? OrchestrationResilience.Calls;

    public string StudioId { get; } = studioId;

    /// <summary>The credential this client's calls carry instead of the cluster client's, if <see cref="As"/> chose one.</summary>
    public string? Credential { get; private init; }

    /// <summary>The same studio, every call made with <paramref name="credential"/> (a token an operator issued): how one
    /// process acts as several callers.</summary>
    public StudioClient As(string credential) => new(client, StudioId, _calls) { Credential = credential };

    /// <summary>Who the studio takes this client's calls to be.</summary>
    public Task<CallerIdentity> WhoAmIAsync() => CallAsync(s => s.Credentials.WhoAmI());

    /// <summary>A client for <paramref name="studioId"/> on the host's cluster client, with the call policy the host
    /// registered (<c>AddOrchestrationServiceDefaults</c>, so its retries show in the host's metrics) or the default.</summary>
    public static StudioClient Create(IServiceProvider services, string studioId) =>
        new(services.GetRequiredService<IClusterClient>(), studioId,
            services.GetService<ResiliencePipelineProvider<string>>()?.GetPipeline(OrchestrationResilience.PipelineName));

    /// <summary>Any call on this studio's grains, with the same bounded attempts and retries as the <c>…Async</c>
    /// methods: <c>await studio.CallAsync(s =&gt; s.WorkGraph.GetConflict(id))</c>. Only for calls that are safe to
    /// repeat — every query, and every command that carries its id.</summary>
    public async Task<T> CallAsync<T>(Func<StudioClient, Task<T>> call, CancellationToken cancellationToken = default) =>
        await _calls.ExecuteAsync(static async (state, token) => await state.call(state.studio).WaitAsync(token), (call, studio: this), cancellationToken);

    /// <summary>Agents, blocker and risk reports, the strategy, handoffs.</summary>
    public IProducerGrain Producer => Bound(client.GetGrain<IProducerGrain>(StudioId));

    /// <summary>Work items and their dependencies, conflicts and decisions.</summary>
    public IWorkGraphGrain WorkGraph => Bound(client.GetGrain<IWorkGraphGrain>(StudioId));

    /// <summary>Projects and their health, OKRs and initiatives, metrics, briefings.</summary>
    public IPortfolioGrain Portfolio => Bound(client.GetGrain<IPortfolioGrain>(StudioId));

    /// <summary>Escalations and their SLAs.</summary>
    public IEscalationsGrain Escalations => Bound(client.GetGrain<IEscalationsGrain>(StudioId));

    /// <summary>The studio's durable journal: every event it ever produced, read with paging.</summary>
    public IStudioJournalGrain Journal => Bound(client.GetGrain<IStudioJournalGrain>(StudioId));

    /// <summary>The studio's credentials for the HTTP API and the MCP server: issue, list, revoke.</summary>
    public ICredentialsGrain Credentials => Bound(client.GetGrain<ICredentialsGrain>(StudioId));

    /// <summary>The studio's notifications: subscriptions, the outbox, dead letters (operators).</summary>
    public INotificationsGrain Notifications => Bound(client.GetGrain<INotificationsGrain>(StudioId));

    /// <summary>The cluster's stream public keys (what <see cref="StreamTrust"/> verifies with).</summary>
    public IStreamKeysGrain StreamKeys => Bound(client.GetGrain<IStreamKeysGrain>(IStreamKeysGrain.Key));

    /// <summary>Registers an agent that lives in another process. Prefer <see cref="ConnectAgentAsync"/> to also receive its messages.</summary>
    public Task<RegistrationReceipt> RegisterExternalAgentAsync(string agentId, string kind, string displayName, int capacity) =>
        CallAsync(s => s.Producer.RegisterAgent(new AgentRegistration(agentId, kind, displayName, capacity, AgentHosting.External)));

    /// <summary>Registers an external agent and opens its inbox and strategy feeds.</summary>
    public async Task<AgentSession> ConnectAgentAsync(string agentId, string kind, string displayName, int capacity)
    {
        using var caller = Calling();
        return await AgentSession.OpenAsync(
            Streams,
            StreamTrust,
            Bound(client.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(StudioId, agentId))),
            StudioStreams.Strategy(StudioId),
            agentId,
            () => RegisterExternalAgentAsync(agentId, kind, displayName, capacity),
            () => CallAsync(s => s.Producer.GetStrategy()));
    }

    /// <summary>Starts a hosted agent: the grain of that kind joins the studio (the kind is the grain type name).</summary>
    public Task<AgentSnapshot> StartHostedAgentAsync(string kind, string agentId, string displayName, int capacity) =>
        CallAsync(s => s.HostedAgent(kind, agentId).Join(new JoinStudio(StudioId, displayName, capacity)));

    public IAgentGrain HostedAgent(string kind, string agentId) =>
        Bound(client.GetGrain<IAgentGrain>(GrainId.Create(kind, agentId)));

    public TAgent HostedAgent<TAgent>(string agentId) where TAgent : class, IAgentGrain => Bound(client.GetGrain<TAgent>(agentId));

    public Task<IReadOnlyList<AgentProfile>> GetAgentsAsync() => CallAsync(s => s.Producer.GetAgents());

    public Task<ReportReceipt> ReportBlockerAsync(BlockerReport report) => CallAsync(s => s.Producer.ReportBlocker(report));

    public Task<ReportReceipt> ReportRiskAsync(RiskReport report) => CallAsync(s => s.Producer.ReportRisk(report));

    public Task<IReadOnlyList<ReportRecord>> GetOpenReportsAsync() => CallAsync(s => s.Producer.GetOpenReports());

    public Task<ReportRecord> ResolveReportAsync(string reportId, string resolvedBy, string resolution) =>
        CallAsync(s => s.Producer.ResolveReport(new ResolveReport(reportId, resolvedBy, resolution)));

    public Task<StudioStrategy> PublishStrategyAsync(StrategyChange change) => CallAsync(s => s.Producer.PublishStrategy(change));

    public Task<StudioStrategy?> GetStrategyAsync() => CallAsync(s => s.Producer.GetStrategy());

    public Task<StudioOverview> GetOverviewAsync() => CallAsync(s => s.Producer.GetOverview());

    /// <summary>An agent's inbox after a sequence, oldest first (what <see cref="WatchInboxAsync"/> streams, read as pages).</summary>
    public Task<FeedPage<InboxMessage>> ReadInboxAsync(string agentId, long after = 0, int limit = 50) =>
        CallAsync(s => s.Bound(client.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(s.StudioId, agentId))).Read(after, limit));

    /// <summary>Every journaled event after <paramref name="after"/>, oldest first, read page by page; only the
    /// <paramref name="kinds"/> given (event type names), or all.</summary>
    public async IAsyncEnumerable<StudioEvent> ReadJournalAsync(long after = 0, IReadOnlyList<string>? kinds = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = after;
            var page = await CallAsync(s => s.Journal.Read(new JournalQuery(from, JournalQuery.MaxLimit, kinds)), cancellationToken);
            foreach (var studioEvent in page.Events) yield return studioEvent;
            if (page.AtEnd) yield break;
            after = page.Next;
        }
    }

    /// <summary>The whole decision log, oldest first: every decision ever recorded, overridden ones included.</summary>
    public async IAsyncEnumerable<Decision> ReadDecisionHistoryAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var studioEvent in ReadJournalAsync(0, [nameof(DecisionRecorded)], cancellationToken))
            if (studioEvent is DecisionRecorded recorded) yield return recorded.Decision;
    }

    /// <summary>Follows the studio's event stream until the returned handle is disposed; only events a silo signed are
    /// passed on (<see cref="StreamTrust"/> counts the others). The stream delivers at least once: a receiver that must
    /// not see an event twice skips a <see cref="StudioEvent.Sequence"/> it has seen.</summary>
    public async Task<IAsyncDisposable> WatchEventsAsync(Func<StudioEvent, Task> onEvent)
    {
        using var caller = Calling();
        var trust = StreamTrust;
        await trust.EnsureKeysAsync();
        var handle = await Streams.GetStream<StudioEvent>(StudioStreams.Events(StudioId))
            .SubscribeAsync(async (e, _) => { if (await trust.AcceptsAsync(e)) await onEvent(e); });
        return new Unsubscriber(handle.UnsubscribeAsync);
    }

    /// <summary>Follows one agent's inbox from now on (an operator's view; agents use <see cref="ConnectAgentAsync"/>):
    /// an external agent's from its durable inbox feed, a hosted agent's from its inbox stream, where only messages a
    /// silo signed are passed on.</summary>
    public async Task<IAsyncDisposable> WatchInboxAsync(string agentId, Func<InboxMessage, Task> onMessage)
    {
        using var caller = Calling();
        var trust = StreamTrust;
        await trust.EnsureKeysAsync();
        var handle = await Streams.GetStream<InboxMessage>(StudioStreams.Inbox(agentId))
            .SubscribeAsync(async (m, _) => { if (await trust.AcceptsAsync(m)) await onMessage(m); });
        try
        {
            var feed = await FeedFollower<InboxMessage>.FromNowAsync(Bound(client.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(StudioId, agentId))), onMessage);
            return new Unsubscriber(async () =>
            {
                await feed.DisposeAsync();
                await handle.UnsubscribeAsync();
            });
        }
        catch
        {
            await handle.UnsubscribeAsync();
            throw;
        }
    }

    /// <summary>How this client checks stream messages, and how many it dropped.</summary>
    public StreamTrust StreamTrust => StreamTrust.For(client);

    private IStreamProvider Streams => client.GetStreamProvider(StudioStreams.Provider);

    private T Bound<T>(T grain) where T : class, IAddressable => Credential is { } token ? CallerCredential.Bind(grain, token) : grain;

    /// <summary>Calls started in this scope (stream subscriptions, which are calls too) carry this client's credential.</summary>
    private IDisposable? Calling() => Credential is { } token ? CallerCredential.Use(token) : null;

    private sealed class Unsubscriber(Func<Task> unsubscribe) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await unsubscribe();
    }
}
