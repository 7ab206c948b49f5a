using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Functions;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.Llm;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.LlmAgents.Reacting;

namespace Orchestration.LlmAgents;

/// <summary>
/// The <c>llm-agent</c> kind: a hosted agent whose reactions a chat model decides. A decision, a handoff or a new
/// strategy is kept as pending in the same write that marks it received; then, off the agent's turn, the model reads
/// the studio and stages commands through the studio's AI functions (<see cref="StagedStudio"/>) within the operator's
/// limits (<see cref="ModelTurn"/>); the outcome comes back as a call, and only then are the commands sent, in order,
/// and the reaction recorded. A model that fails, times out, breaks a limit or leaves the message unanswered sends
/// nothing: the message waits (backing off) for another attempt, and after the last one is dead-lettered.
/// </summary>
[GrainType(AgentKinds.LlmAgent)]
public sealed partial class LlmAgentGrain(
    [PersistentState("agent", StudioStreams.Storage)] IPersistentState<LlmAgentState> state,
    [FromKeyedServices(StudioClock.Key)] TimeProvider clock,
    IOptions<LlmAgentOptions> options,
    ILogger<LlmAgentGrain> logger)
    : AgentGrain<LlmAgentState>(state, logger), ILlmAgentGrain, ILlmAgentReactions, IRemindable
{
    private const string Reminder = "llm-agent";
    private const int AnswerKept = 1_000;

    /// <summary>The conversation running off the turn (one at a time), and when it started.</summary>
    private (string MessageId, DateTimeOffset Since)? _running;

    private IGrainTimer? _wake;
    private bool? _reminderSet;

    private LlmAgentOptions Options => options.Value;

    /// <summary>The model, where the kind is registered; a silo without one refuses the kind at join, so an agent of
    /// it here is one whose silo lost its configuration: its messages wait, their attempts saying why.</summary>
    private IChatClient? Model => ServiceProvider.GetKeyedService<IChatClient>(LlmAgentsServiceCollectionExtensions.ChatClientKey);

    private TurnLimits Limits => _limits ??= new(Options.AllowedFunctions.ToHashSet(StringComparer.Ordinal), Options.MaxCallsPerMessage, Options.MaxTokensPerMessage, Options.Timeout);

    private TurnLimits? _limits;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        await Wake(); // a message kept before a restart is tried again
    }

    public Task<LlmAgentReport> GetReactions() => Task.FromResult(new LlmAgentReport([.. State.Applied], [.. State.Pending], [.. State.DeadLetters]));

    public async Task<PendingReaction> Retry(string messageId)
    {
        var dead = State.DeadLetters.FirstOrDefault(d => d.MessageId == messageId)
            ?? throw new InvalidRequestException("messageId", $"no dead-lettered message '{messageId}' at agent '{AgentId}'");
        var again = dead with { Attempts = 0, NextAttemptAt = clock.GetUtcNow(), DeadLetteredAt = null, LastError = $"retried after: {dead.LastError}" };
        State.DeadLetters.Remove(dead);
        State.Pending.Add(again);
        await WriteStateAsync();
        await Wake();
        return again;
    }

    /// <summary>Reacts to the due messages now, in this turn, one after the other, and waits for the outcomes (the
    /// simulator's way, and an operator's nudge); the silo's timers run the same conversations off the turn.</summary>
    public async Task<int> Tick()
    {
        var applied = 0;
        while (await StartNext() is { } attempt && await Apply(await Converse(attempt))) applied++;
        await Wake();
        return applied;
    }

    async Task ILlmAgentReactions.Complete(ReactionOutcome outcome)
    {
        await Apply(outcome);
        await Wake();
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Wake();

    protected override Task ReactAsync(InboxMessage message)
    {
        if (message is DecisionIssued or HandoffProposed) Keep(message.MessageId, message.GetType().Name, message.Summary, message, null);
        return Task.CompletedTask; // notices (an acknowledgement, a withdrawn conflict) need no decision
    }

    protected override void OnStrategyApplied(StudioStrategy strategy) =>
        Keep($"strategy-v{strategy.Version}", nameof(StrategyBroadcast), $"strategy v{strategy.Version}: {strategy.Rationale}", null, strategy);

    /// <summary>Keeps a message for the model; the caller's write stores it with the mark that it was received.</summary>
    private void Keep(string messageId, string type, string summary, InboxMessage? message, StudioStrategy? strategy)
    {
        var now = clock.GetUtcNow();
        State.Pending.Add(new PendingReaction(messageId, type, summary, message, strategy, now, Attempts: 0, NextAttemptAt: now, LastError: null));
        if (Options.Timers) ScheduleWake(TimeSpan.Zero); // runs after this turn's write
    }

    /// <summary>One attempt, made ready on the agent's turn: what runs off it touches no grain state.</summary>
    private sealed record Attempt(string StudioId, PendingReaction Pending, List<ChatMessage> Conversation, StagedStudio Studio, IChatClient? Model);

    /// <summary>
    /// Starts an attempt at the oldest message, if it is due and none is running: an agent reacts to its messages one at
    /// a time and in the order they came (a decision, then the override of it, must be applied in that order), so a
    /// message that waits for its next attempt holds the ones after it until it is applied or dead-lettered. The
    /// attempt is counted with a write (a crash mid-conversation still counts it) and prepared here, on the turn: the
    /// work items the message concerns, the prompt.
    /// </summary>
    private async Task<Attempt?> StartNext()
    {
        var now = clock.GetUtcNow();
        ForgetStale(now);
        if (_running is not null || State.StudioId is not { } studioId || State.Pending.Count == 0) return null;
        var pending = State.Pending[0];
        if (pending.NextAttemptAt > now) return null;

        // Until its outcome arrives, the next attempt waits for the timeout and the first backoff.
        var started = pending with { Attempts = pending.Attempts + 1, NextAttemptAt = now + Options.Timeout + Options.FirstRetryAfter };
        State.Pending[0] = started;
        _running = (pending.MessageId, now);
        var items = new List<WorkItem>();
        foreach (var id in ReactionPrompt.ItemsOf(pending, AgentId))
            if (await WorkGraph.GetWorkItem(id) is { } item) items.Add(item);
        await WriteStateAsync();
        var conversation = ReactionPrompt.For(AgentId, State.DisplayName, studioId, State.Capacity, started, items, Options.Instructions);
        return new Attempt(studioId, started, conversation, new StagedStudio(GrainFactory, studioId, AgentId, started.Message), Model);
    }

    /// <summary>A conversation whose outcome never came back (its silo went down mid-call) stops counting as running.</summary>
    private void ForgetStale(DateTimeOffset now)
    {
        if (_running is { } running && now - running.Since > Options.Timeout + Options.FirstRetryAfter) _running = null;
    }

    /// <summary>One attempt's conversation, to its outcome; it never throws (a failure is an outcome).</summary>
    private async Task<ReactionOutcome> Converse(Attempt attempt)
    {
        var (studioId, pending, conversation, studio, model) = attempt;
        using var span = LlmAgentsTelemetry.StartInvokeAgent(studioId, studio.AgentId, pending.MessageType, Options.Model);
        try
        {
            var result = await ModelTurn.RunAsync(model ?? throw new InvalidOperationException("this silo has no model for LLM agents (LlmAgents:Endpoint, LlmAgents:Model)"), conversation, AgentFunctions.For(studio), Limits, CancellationToken.None);
            LlmAgentsTelemetry.Used(studioId, Options.Model ?? "configured", result.InputTokens, result.OutputTokens, result.FunctionCalls);
            var unanswered = studio.Unanswered();
            span?.SetStatus(unanswered is null ? System.Diagnostics.ActivityStatusCode.Ok : System.Diagnostics.ActivityStatusCode.Error, unanswered);
            return new ReactionOutcome(pending.MessageId, pending.Attempts, unanswered is null ? studio.Commands : [], result.Answer, unanswered,
                result.FunctionCalls, result.InputTokens, result.OutputTokens);
        }
        catch (TurnFailedException failed)
        {
            LlmAgentsTelemetry.Used(studioId, Options.Model ?? "configured", failed.InputTokens, failed.OutputTokens, failed.FunctionCalls);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failed.Message);
            return new ReactionOutcome(pending.MessageId, pending.Attempts, [], null, failed.Message, failed.FunctionCalls, failed.InputTokens, failed.OutputTokens);
        }
        catch (Exception failed) // the model's endpoint: down, refusing the key, answering what the client cannot read
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failed.Message);
            return new ReactionOutcome(pending.MessageId, pending.Attempts, [], null, $"the model failed: {failed.GetType().Name}: {failed.Message}", 0, 0, 0);
        }
    }

    /// <summary>Sends an outcome's commands, in order, and records the reaction; or records why the attempt failed.
    /// Returns whether the reaction was applied.</summary>
    private async Task<bool> Apply(ReactionOutcome outcome)
    {
        if (_running?.MessageId == outcome.MessageId) _running = null;
        var index = State.Pending.FindIndex(p => p.MessageId == outcome.MessageId);
        if (index < 0 || State.Pending[index].Attempts != outcome.Attempt) return false; // an older attempt's, or already settled
        var pending = State.Pending[index];

        var error = outcome.Error ?? await Send(outcome.Commands);
        var now = clock.GetUtcNow();
        if (error is null)
        {
            State.Pending.RemoveAt(index);
            foreach (var answer in outcome.Commands.OfType<StagedHandoffAnswer>())
                RecordHandoff(new ReceivedHandoff(answer.Offer, answer.Response.Accept, answer.Response.Reason));
            BoundedLog.Append(State.Applied, new LlmReaction(pending.MessageId, pending.MessageType, now, pending.Attempts, [.. outcome.Commands.Select(c => c.Describe())],
                Shorten(outcome.Answer ?? ""), outcome.FunctionCalls, outcome.InputTokens, outcome.OutputTokens), LlmAgentState.AppliedKept);
            await WriteStateAsync();
            LlmAgentsTelemetry.Outcome(State.StudioId!, "applied");
            LogApplied(Logger, AgentId, pending.MessageId, pending.Attempts, outcome.Commands.Count);
            return true;
        }

        LlmAgentsTelemetry.Outcome(State.StudioId!, "failed");
        LogAttemptFailed(Logger, AgentId, pending.MessageId, pending.Attempts, error);
        State.Pending.RemoveAt(index);
        if (pending.Attempts >= Options.MaxAttempts)
        {
            State.DeadLetters.Add(pending with { LastError = error, NextAttemptAt = null, DeadLetteredAt = now });
            LlmAgentsTelemetry.Outcome(State.StudioId!, "dead_lettered");
            LogDeadLettered(Logger, AgentId, pending.MessageId, pending.Attempts);
        }
        else
        {
            State.Pending.Insert(index, pending with { LastError = error, NextAttemptAt = now + Backoff.Delay(pending.Attempts, pending.MessageId, Options.FirstRetryAfter, Options.LongestRetryWait) });
        }

        await WriteStateAsync();
        return false;
    }

    /// <summary>Sends the commands in order; each carries its id, so after a refusal the next attempt sends them again
    /// without doubling what went through. Returns why one failed, or null.</summary>
    private async Task<string?> Send(IReadOnlyList<StagedCommand> commands)
    {
        foreach (var command in commands)
        {
            try
            {
                switch (command)
                {
                    case StagedBlocker blocker: await Producer.ReportBlocker(blocker.Report); break;
                    case StagedRisk risk: await Producer.ReportRisk(risk.Report); break;
                    case StagedDeclaration declaration: await DeclareAsync(declaration.Item, declaration.Reason); break;
                    case StagedAcknowledgement acknowledgement: await WorkGraph.AcknowledgeDecision(acknowledgement.Acknowledgement); break;
                    case StagedHandoffAnswer answer: await Producer.RespondToHandoff(answer.Response); break;
                }
            }
            catch (InvalidRequestException refused)
            {
                return $"the studio refused '{command.Describe()}': {refused.Field}: {refused.Reason}";
            }
            catch (Exception failed) when (failed is TimeoutException or OrleansException)
            {
                return $"sending '{command.Describe()}' failed: {failed.Message}";
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= AnswerKept ? text : text[..(AnswerKept - 1)] + "…";

    /// <summary>In a silo: a timer for the next due message while active, and a reminder while any message waits (it
    /// survives restarts). The simulator runs <see cref="Tick"/> itself on virtual time.</summary>
    private async Task Wake()
    {
        if (!Options.Timers) return;
        var waiting = State.Pending.Count > 0;
        if (waiting != _reminderSet)
        {
            var reminder = await this.GetReminder(Reminder);
            if (waiting && reminder is null) await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            else if (!waiting && reminder is not null) await this.UnregisterReminder(reminder);
            _reminderSet = waiting;
        }

        if (_running is null && State.Pending.Count > 0 && State.Pending[0].NextAttemptAt is { } next)
            ScheduleWake(next - clock.GetUtcNow());
    }

    private void ScheduleWake(TimeSpan wait)
    {
        _wake?.Dispose();
        _wake = this.RegisterGrainTimer(static (grain, _) => grain.StartInBackground(), this,
            new GrainTimerCreationOptions(wait > TimeSpan.FromMilliseconds(50) ? wait : TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>The timer's work: start the next conversation off the turn; it hands its outcome back as a call.</summary>
    private async Task StartInBackground()
    {
        var (self, agentId, log) = (this.AsReference<ILlmAgentReactions>(), AgentId, Logger);
        if (await StartNext() is not { } attempt) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await self.Complete(await Converse(attempt));
            }
            catch (Exception failed) // the agent's silo went down: the attempt is counted, the message waits for the next
            {
                LogOutcomeLost(log, agentId, attempt.Pending.MessageId, failed.Message);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM agent {AgentId} applied its reaction to {MessageId} (attempt {Attempt}, {Commands} commands)")]
    private static partial void LogApplied(ILogger logger, string agentId, string messageId, int attempt, int commands);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM agent {AgentId}: attempt {Attempt} at {MessageId} failed, nothing sent: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string agentId, string messageId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM agent {AgentId}: message {MessageId} dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string agentId, string messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM agent {AgentId}: the outcome of its reaction to {MessageId} could not be handed back: {Error}")]
    private static partial void LogOutcomeLost(ILogger logger, string agentId, string messageId, string error);
}
