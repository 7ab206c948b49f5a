using Orchestration.Grains.Interfaces.Identity;
using System.Runtime.CompilerServices;
using Orchestration.Client.Agents;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orleans.Streams;

namespace Orchestration.Client;

/// <summary>
/// The typed entry point for agent services and operators: one studio, reached over an Orleans client.
/// Every call goes to the studio's Producer or to a hosted agent grain; refusals arrive as
/// <see cref="Grains.Interfaces.Common.InvalidRequestException"/> naming the field and the reason.
/// </summary>
public sealed class StudioClient(IClusterClient client, string studioId)
{
    public string StudioId { get; } = studioId;

    /// <summary>Agents, blocker and risk reports, the strategy, handoffs.</summary>
    public IProducerGrain Producer => client.GetGrain<IProducerGrain>(StudioId);

    /// <summary>Work items and their dependencies, conflicts and decisions.</summary>
    public IWorkGraphGrain WorkGraph => client.GetGrain<IWorkGraphGrain>(StudioId);

    /// <summary>Projects and their health, OKRs and initiatives, metrics, briefings.</summary>
    public IPortfolioGrain Portfolio => client.GetGrain<IPortfolioGrain>(StudioId);

    /// <summary>Escalations and their SLAs.</summary>
    public IEscalationsGrain Escalations => client.GetGrain<IEscalationsGrain>(StudioId);

    /// <summary>The studio's durable journal: every event it ever produced, read with paging.</summary>
    public IStudioJournalGrain Journal => client.GetGrain<IStudioJournalGrain>(StudioId);

    /// <summary>The studio's credentials for the HTTP API and the MCP server: issue, list, revoke.</summary>
    public ICredentialsGrain Credentials => client.GetGrain<ICredentialsGrain>(StudioId);

    /// <summary>Registers an agent that lives in another process. Prefer <see cref="ConnectAgentAsync"/> to also receive its messages.</summary>
    public Task<RegistrationReceipt> RegisterExternalAgentAsync(string agentId, string kind, string displayName, int capacity) =>
        Producer.RegisterAgent(new AgentRegistration(agentId, kind, displayName, capacity, AgentHosting.External));

    /// <summary>Registers an external agent and opens its inbox and strategy feeds.</summary>
    public Task<AgentSession> ConnectAgentAsync(string agentId, string kind, string displayName, int capacity) =>
        AgentSession.OpenAsync(
            Streams,
            StudioStreams.Inbox(agentId),
            StudioStreams.Strategy(StudioId),
            agentId,
            () => RegisterExternalAgentAsync(agentId, kind, displayName, capacity),
            Producer.GetStrategy);

    /// <summary>Starts a hosted agent: the grain of that kind joins the studio (the kind is the grain type name).</summary>
    public Task<AgentSnapshot> StartHostedAgentAsync(string kind, string agentId, string displayName, int capacity) =>
        HostedAgent(kind, agentId).Join(new JoinStudio(StudioId, displayName, capacity));

    public IAgentGrain HostedAgent(string kind, string agentId) =>
        client.GetGrain<IAgentGrain>(GrainId.Create(kind, agentId));

    public TAgent HostedAgent<TAgent>(string agentId) where TAgent : IAgentGrain => client.GetGrain<TAgent>(agentId);

    public Task<IReadOnlyList<AgentProfile>> GetAgentsAsync() => Producer.GetAgents();

    public Task<ReportReceipt> ReportBlockerAsync(BlockerReport report) => Producer.ReportBlocker(report);

    public Task<ReportReceipt> ReportRiskAsync(RiskReport report) => Producer.ReportRisk(report);

    public Task<IReadOnlyList<ReportRecord>> GetOpenReportsAsync() => Producer.GetOpenReports();

    public Task<ReportRecord> ResolveReportAsync(string reportId, string resolvedBy, string resolution) =>
        Producer.ResolveReport(new ResolveReport(reportId, resolvedBy, resolution));

    public Task<StudioStrategy> PublishStrategyAsync(StrategyChange change) => Producer.PublishStrategy(change);

    public Task<StudioStrategy?> GetStrategyAsync() => Producer.GetStrategy();

    public Task<StudioOverview> GetOverviewAsync() => Producer.GetOverview();

    /// <summary>Every journaled event after <paramref name="after"/>, oldest first, read page by page; only the
    /// <paramref name="kinds"/> given (event type names), or all.</summary>
    public async IAsyncEnumerable<StudioEvent> ReadJournalAsync(long after = 0, IReadOnlyList<string>? kinds = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await Journal.Read(new JournalQuery(after, JournalQuery.MaxLimit, kinds));
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

    /// <summary>Follows the studio's event stream until the returned handle is disposed. The stream delivers at least
    /// once: a receiver that must not see an event twice skips a <see cref="StudioEvent.Sequence"/> it has seen.</summary>
    public async Task<IAsyncDisposable> WatchEventsAsync(Func<StudioEvent, Task> onEvent)
    {
        var handle = await Streams.GetStream<StudioEvent>(StudioStreams.Events(StudioId)).SubscribeAsync((e, _) => onEvent(e));
        return new Unsubscriber(handle.UnsubscribeAsync);
    }

    /// <summary>Follows one agent's inbox (an operator's view; agents use <see cref="ConnectAgentAsync"/>).</summary>
    public async Task<IAsyncDisposable> WatchInboxAsync(string agentId, Func<InboxMessage, Task> onMessage)
    {
        var handle = await Streams.GetStream<InboxMessage>(StudioStreams.Inbox(agentId)).SubscribeAsync((m, _) => onMessage(m));
        return new Unsubscriber(handle.UnsubscribeAsync);
    }

    private IStreamProvider Streams => client.GetStreamProvider(StudioStreams.Provider);

    private sealed class Unsubscriber(Func<Task> unsubscribe) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await unsubscribe();
    }
}
