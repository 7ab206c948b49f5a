using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Telemetry;
using Orleans.Streams;

namespace Orchestration.Grains.Agents;

/// <summary>
/// The plumbing every hosted agent shares: joining a studio, its two stream subscriptions (the studio's strategy and
/// its own inbox), applying each strategy version once and in order, and each inbox message once. A kind derives
/// from it, carries <c>[GrainType("kind")]</c>, and overrides what it does with a strategy or a message.
/// </summary>
public abstract partial class AgentGrain<TState>(IPersistentState<TState> state, ILogger logger) : Grain, IAgentGrain, Identity.IStudioMember
    where TState : AgentState, new()
{
    private bool _attached;

    string? Identity.IStudioMember.MemberOfStudio => State.StudioId;

    protected TState State => state.State;

    /// <summary>The kind's logger (a kind's own log lines go through it too).</summary>
    protected ILogger Logger => logger;

    protected string AgentId => this.GetPrimaryKeyString();

    protected string AgentKind => this.GetGrainId().Type.ToString()!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Explicit subscriptions outlive activations: resume them rather than subscribing again (which would duplicate).
        if (State.StudioId is { } studioId) await AttachStreams(studioId);
    }

    public async Task<AgentSnapshot> Join(JoinStudio request)
    {
        request = Require.Present(request, "request");
        var studioId = Require.Id(request.StudioId, "request.studioId");
        if (State.StudioId is { } current && current != studioId)
            throw new InvalidRequestException("request.studioId", $"agent '{AgentId}' already belongs to studio '{current}'");

        // Register first: if the Producer refuses, nothing here has changed.
        var producer = GrainFactory.GetGrain<IProducerGrain>(studioId);
        var receipt = await producer.RegisterAgent(new AgentRegistration(AgentId, AgentKind, request.DisplayName, request.Capacity, AgentHosting.Hosted));

        State.StudioId = studioId;
        State.DisplayName = receipt.Agent.DisplayName;
        State.Capacity = receipt.Agent.Capacity;
        await WriteStateAsync();
        await AttachStreams(studioId);

        // A broadcast sent between registering and subscribing is not lost: catch up on the version in force now.
        var strategy = await producer.GetStrategy() ?? receipt.CurrentStrategy;
        if (strategy is not null) await Apply(new StrategyBroadcast(strategy.MessageId, strategy.IssuedAt, strategy));
        return Snapshot();
    }

    public Task<AgentSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<IReadOnlyList<ReceivedHandoff>> GetReceivedHandoffs() =>
        Task.FromResult<IReadOnlyList<ReceivedHandoff>>([.. State.ReceivedHandoffs]);

    /// <summary>Called once per new strategy version, in version order, before the state is written.</summary>
    protected virtual void OnStrategyApplied(StudioStrategy strategy) { }

    /// <summary>Called once per inbox message id, before the state is written. If it throws, the state is restored
    /// from storage and the message is not marked as applied, so a redelivery applies it again.</summary>
    protected virtual Task OnInboxMessageAsync(InboxMessage message) => Task.CompletedTask;

    /// <summary>
    /// Applies one of this agent's action items from a decision; the base acknowledges the decision after. By default
    /// the agent declares its work item again as the item asks (new dates, a descoped dependency dropped), so what it
    /// acknowledges is what its work shows: the Producer checks, and holds a decision acknowledged but not applied for a
    /// human. A kind that keeps its own plan of the item overrides this to change that plan too.
    /// </summary>
    protected virtual async Task ApplyActionItemAsync(ActionItem item)
    {
        if (await WorkGraph.GetWorkItem(item.ItemId) is not { } current || current.OwnerAgentId != AgentId || item.IsShownBy(current)) return;
        await DeclareAsync(item.AppliedTo(current), $"applying {item.ActionItemId}: {item.Instruction}");
    }

    /// <summary>
    /// What the agent does with a message addressed to it, before the state is written: by rule, it applies its
    /// action items of a decision and acknowledges it, and answers a handoff as <see cref="ConsiderHandoff"/> says. A
    /// kind that decides otherwise (the LLM agent kind keeps the message to let a model decide) overrides it.
    /// </summary>
    protected virtual async Task ReactAsync(InboxMessage message)
    {
        switch (message)
        {
            case DecisionIssued issued:
                foreach (var item in issued.ActionItems.Where(a => a.AgentId == AgentId)) await ApplyActionItemAsync(item);
                await WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(issued.ConflictId, issued.Decision.DecisionId, AgentId));
                break;
            case HandoffProposed proposed:
                var (accept, reason) = ConsiderHandoff(proposed.Offer);
                if (accept) OnHandoffAccepted(proposed.Offer);
                RecordHandoff(new ReceivedHandoff(proposed.Offer, accept, reason));
                await Producer.RespondToHandoff(new HandoffResponse(proposed.Offer.HandoffId, AgentId, accept, reason));
                break;
        }
    }

    /// <summary>Keeps a handoff offered to this agent with its answer (<see cref="IAgentGrain"/> readers list them).</summary>
    protected void RecordHandoff(ReceivedHandoff handoff) => BoundedLog.Append(State.ReceivedHandoffs, handoff, AgentState.HandoffsKept);

    /// <summary>Whether this agent takes on a handoff offered to it, and why.</summary>
    protected virtual (bool Accept, string Reason) ConsiderHandoff(HandoffOffer offer) =>
        (false, $"agents of kind '{AgentKind}' take no handoffs");

    /// <summary>Called when this agent accepted a handoff, before the answer goes to the Producer.</summary>
    protected virtual void OnHandoffAccepted(HandoffOffer offer) { }

    /// <summary>Hands work to another agent through the Producer, which tracks it to its outcome.</summary>
    protected Task<HandoffRecord> HandOffAsync(HandoffOffer offer) => Producer.OfferHandoff(offer);

    /// <summary>Declares one of this agent's work items (new, or new dates) to the Producer.</summary>
    protected Task<WorkItemReceipt> DeclareAsync(WorkItem item, string reason) => WorkGraph.DeclareWorkItem(item, reason);

    /// <summary>Writes the state; if storage fails, the activation is dropped so no unstored change outlives the call.</summary>
    protected async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The studio's Producer. Agents call it; it never calls them back.</summary>
    protected IProducerGrain Producer => GrainFactory.GetGrain<IProducerGrain>(JoinedStudio);

    /// <summary>The studio's work graph, where this agent declares and completes its work and applies decisions.</summary>
    protected IWorkGraphGrain WorkGraph => GrainFactory.GetGrain<IWorkGraphGrain>(JoinedStudio);

    private string JoinedStudio =>
        State.StudioId ?? throw new InvalidRequestException("agentId", $"agent '{AgentId}' has not joined a studio yet");

    private AgentSnapshot Snapshot() => new(
        AgentId, AgentKind, State.StudioId, State.DisplayName, State.Capacity, State.Strategy,
        [.. State.AppliedStrategyVersions], [.. State.Inbox]);

    private async Task AttachStreams(string studioId)
    {
        if (_attached) return;
        var streams = this.GetStreamProvider(StudioStreams.Provider);
        await Attach(streams.GetStream<StrategyBroadcast>(StudioStreams.Strategy(studioId)), (broadcast, _) => Sealed(broadcast) ? Apply(broadcast) : Task.CompletedTask);
        await Attach(streams.GetStream<InboxMessage>(StudioStreams.Inbox(AgentId)), (message, _) => Sealed(message) ? Receive(message) : Task.CompletedTask);
        _attached = true;
    }

    private static async Task Attach<T>(IAsyncStream<T> stream, Func<T, StreamSequenceToken?, Task> onNext)
    {
        var handles = await stream.GetAllSubscriptionHandles();
        if (handles.Count == 0)
        {
            await stream.SubscribeAsync(onNext);
            return;
        }

        await handles[0].ResumeAsync(onNext);
        foreach (var extra in handles.Skip(1)) await extra.UnsubscribeAsync(); // one subscription per stream, always
    }

    /// <summary>Checks what arrives on a stream: anyone who reaches the stream provider can publish, only a silo can seal.</summary>
    private StreamSeal Seal => _seal ??= ServiceProvider.GetRequiredService<StreamSeal>();

    private StreamSeal? _seal;

    /// <summary>The studio's clock (virtual in simulations), for when a message was applied.</summary>
    private TimeProvider Clock => _clock ??= ServiceProvider.GetRequiredKeyedService<TimeProvider>(StudioClock.Key);

    private TimeProvider? _clock;

    private bool Sealed(StrategyBroadcast broadcast)
    {
        if (Seal.IsSealed(broadcast)) return true;
        LogUnsealed(AgentId, nameof(StrategyBroadcast), broadcast.MessageId, $"v{broadcast.Strategy?.Version}");
        return false;
    }

    private bool Sealed(InboxMessage message)
    {
        if (Seal.IsSealed(message)) return true;
        LogUnsealed(AgentId, message.GetType().Name, message.MessageId, $"to {message.AgentId}");
        return false;
    }

    /// <summary>Applies a strategy from a sealed broadcast, or from the Producer's own answer (a grain call, not a stream).</summary>
    private async Task Apply(StrategyBroadcast broadcast)
    {
        var strategy = broadcast.Strategy;
        if (strategy.StudioId != State.StudioId || strategy.Version <= (State.Strategy?.Version ?? 0))
            return; // another studio's, a repeat, or older than what is in force

        State.Strategy = strategy;
        BoundedLog.Append(State.AppliedStrategyVersions, strategy.Version, AgentState.AppliedVersionsKept);
        Log(new ReceivedMessage(broadcast.MessageId, nameof(StrategyBroadcast), $"producer/{strategy.StudioId}", broadcast.SentAt, broadcast.Summary, Clock.GetUtcNow()));
        OnStrategyApplied(strategy);
        await WriteStateAsync();
        LogStrategyApplied(AgentId, strategy.Version);
    }

    private async Task Receive(InboxMessage message)
    {
        if (message.AgentId != AgentId || State.ProcessedMessageIds.Contains(message.MessageId))
            return;

        using var activity = OrchestrationTelemetry.StartInbox(message, AgentId);
        try
        {
            await ReactAsync(message);
            await OnInboxMessageAsync(message);
        }
        catch
        {
            DeactivateOnIdle(); // forget what was half applied; the redelivery finds the stored state
            throw;
        }

        BoundedLog.Append(State.ProcessedMessageIds, message.MessageId, AgentState.ProcessedIdsKept);
        Log(new ReceivedMessage(message.MessageId, message.GetType().Name, message.From, message.SentAt, message.Summary, Clock.GetUtcNow()));
        await WriteStateAsync();
    }

    private void Log(ReceivedMessage entry) => BoundedLog.Append(State.Inbox, entry, AgentState.InboxKept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} ignored a {MessageType} without a valid seal (message {MessageId}, {Detail}): not sent by a silo")]
    private partial void LogUnsealed(string agentId, string messageType, string messageId, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} applied strategy v{Version}")]
    private partial void LogStrategyApplied(string agentId, int version);
}
