using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Notifications.Composing;
using Orchestration.Notifications.Delivery;
using Orleans.Streams;
using Orleans.Streams.Core;
using Polly;

namespace Orchestration.Notifications;

/// <summary>
/// A studio's notifications (key: studio id). Its cursor over the studio's journal is what makes a message "queued
/// with the change that caused it": the change is in the journal the moment it happened, and every event after the
/// cursor is turned into its messages, written to the outbox, before the cursor moves. The studio's event stream only
/// wakes it (an implicit subscription, so no subscription can be lost); it never trusts what the stream carries. It
/// calls the studio (the journal, the briefing) and nothing calls it back, so there is no call cycle.
/// </summary>
[ImplicitStreamSubscription(StudioStreams.EventNamespace)]
public sealed partial class NotificationsGrain(
    [PersistentState("notifications", StudioStreams.Storage)] IPersistentState<NotificationsState> state,
    [FromKeyedServices(StudioClock.Key)] TimeProvider clock,
    IOptions<NotificationOptions> options,
    IEnumerable<INotificationSender> senders,
    ILogger<NotificationsGrain> logger)
    : Grain, INotificationsGrain, IRemindable, IStreamSubscriptionObserver, IAsyncObserver<StudioEvent>
{
    private const string Reminder = "notifications";
    private const int RecentlyDeliveredKept = 5_000;
    private const int ParallelSends = 16;

    /// <summary>The journal events that can owe an alert (<see cref="AlertComposer"/>).</summary>
    private static readonly string[] AlertingEvents = [nameof(EscalationRaised), nameof(EscalationBreached), nameof(DecisionHeld), nameof(DecisionRecorded)];

    private IGrainTimer? _retry;

    /// <summary>One attempt's bound (the configured timeout), built once per activation.</summary>
    private ResiliencePipeline? _attempt;

    /// <summary>Whether this activation knows the reminder to be registered (asked once, then kept: not a reminder
    /// table read per event).</summary>
    private bool? _reminderSet;

    private string StudioId => this.GetPrimaryKeyString();

    private NotificationsState State => state.State;

    private NotificationOptions Options => options.Value;

    public async Task<Subscription> SetSubscription(Subscription subscription)
    {
        var checkedSubscription = SubscriptionRules.Check(subscription, Options.Secrets);
        if (!State.Subscriptions.ContainsKey(checkedSubscription.SubscriptionId) && State.Subscriptions.Count >= SubscriptionRules.MaxSubscriptions)
            throw new InvalidRequestException("subscription", $"studio '{StudioId}' has {SubscriptionRules.MaxSubscriptions} subscriptions, the most allowed");
        State.Subscriptions[checkedSubscription.SubscriptionId] = checkedSubscription;
        State.Since.TryAdd(checkedSubscription.SubscriptionId, clock.GetUtcNow());
        await state.WriteStateAsync();
        await KeepAwake();
        return checkedSubscription;
    }

    public async Task RemoveSubscription(string subscriptionId)
    {
        if (!State.Subscriptions.Remove(subscriptionId ?? "")) return;
        State.Since.Remove(subscriptionId!);
        State.LastBriefing.Remove(subscriptionId!);
        await state.WriteStateAsync();
    }

    public Task<NotificationsOverview> GetOverview() => Task.FromResult(new NotificationsOverview(
        [.. Subscriptions().Values.OrderBy(s => s.SubscriptionId, StringComparer.Ordinal)],
        [.. State.Outbox], [.. State.DeadLetters],
        Enum.GetValues<NotificationChannel>().ToDictionary(c => c, c => State.Counts.GetValueOrDefault(c, new ChannelCounts(0, 0, 0, 0))),
        State.Cursor));

    public async Task<OutboxMessage> Resend(string key)
    {
        var dead = State.DeadLetters.FirstOrDefault(m => m.Key == key)
            ?? throw new InvalidRequestException("key", $"no dead letter '{key}' in studio '{StudioId}'");
        State.DeadLetters.Remove(dead);
        var queued = dead with { Attempts = 0, NextAttemptAt = null, DeadLetteredAt = null, LastError = $"resent after: {dead.LastError}" };
        State.Outbox.Add(queued);
        await state.WriteStateAsync();
        await DeliverDue();
        return queued;
    }

    public async Task<IReadOnlyList<OutboxMessage>> Tick()
    {
        var subscriptions = Subscriptions();
        if (subscriptions.Count > 0)
        {
            await CatchUp(subscriptions);
            await QueueDueBriefings(subscriptions);
        }

        var delivered = await DeliverDue();
        await KeepAwake();
        return delivered;
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Tick();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<StudioEvent>().ResumeAsync(this);

    /// <summary>A studio event happened: catch up with the journal (what the event says is not trusted, only that
    /// something happened). A studio nobody subscribed to costs this one check.</summary>
    public async Task OnNextAsync(StudioEvent item, StreamSequenceToken? token = null)
    {
        if (Options.Timers && HasSubscriptions) await Tick();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Configured subscriptions of this studio, then those set through the contract (same id: the contract's).</summary>
    private Dictionary<string, Subscription> Subscriptions()
    {
        var all = new Dictionary<string, Subscription>(Configured, StringComparer.Ordinal);
        foreach (var (id, subscription) in State.Subscriptions) all[id] = subscription;
        return all;
    }

    private bool HasSubscriptions => Configured.Count > 0 || State.Subscriptions.Count > 0;

    /// <summary>This studio's subscriptions from configuration, checked once per activation (configuration is read at
    /// start); one the rules refuse is logged once and left out.</summary>
    private Dictionary<string, Subscription> Configured => _configured ??= CheckConfigured();

    private Dictionary<string, Subscription>? _configured;

    private Dictionary<string, Subscription> CheckConfigured()
    {
        var configured = new Dictionary<string, Subscription>(StringComparer.Ordinal);
        foreach (var entry in Options.Subscriptions.Where(s => s.Studio == StudioId))
        {
            try
            {
                var subscription = SubscriptionRules.Check(entry.ToSubscription(), Options.Secrets);
                configured[subscription.SubscriptionId] = subscription;
            }
            catch (InvalidRequestException refused)
            {
                LogConfiguredSubscriptionRefused(logger, StudioId, entry.Id ?? entry.Group, refused.Message);
            }
        }

        return configured;
    }

    /// <summary>Turns every journal event after the cursor into the alerts its subscribers are owed, then moves the
    /// cursor: messages and cursor are written together, so each event is turned into messages once.</summary>
    private async Task CatchUp(Dictionary<string, Subscription> subscriptions)
    {
        var now = clock.GetUtcNow();
        foreach (var id in subscriptions.Keys) State.Since.TryAdd(id, now);
        var alerting = subscriptions.Values.Where(s => s.Alerts is { Count: > 0 }).ToList();
        var journal = GrainFactory.GetGrain<IStudioJournalGrain>(StudioId);
        var known = KnownKeys();
        var (cursor, queued) = (State.Cursor, State.Outbox.Count);
        while (true)
        {
            var page = await journal.Read(new JournalQuery(cursor, JournalQuery.MaxLimit, AlertingEvents));
            foreach (var e in page.Events)
            {
                if (AlertComposer.For(e, Options.ConsoleUrl) is not { } alert) continue;
                foreach (var subscription in alerting.Where(s => s.Alerts!.Contains(alert.Kind) && e.At >= State.Since[s.SubscriptionId]))
                    Queue(new OutboxMessage($"{StudioId}/{subscription.SubscriptionId}/event-{e.Sequence}", subscription.SubscriptionId, subscription.Channel,
                        subscription.To, alert.Subject, alert.Text, $"event {e.Sequence} ({e.GetType().Name})", e.At), known);
            }

            var moved = page.Next != cursor;
            cursor = page.Next;
            if (page.AtEnd || !moved) break;
        }

        if (cursor != State.Cursor || State.Outbox.Count != queued || state.RecordExists is false)
        {
            State.Cursor = cursor;
            await state.WriteStateAsync();
        }
    }

    /// <summary>Queues each briefing whose cadence is due on the studio clock: one per due time, however long the silo
    /// was down (a studio back after three weeks sends one weekly sync, not three).</summary>
    private async Task QueueDueBriefings(Dictionary<string, Subscription> subscriptions)
    {
        var now = clock.GetUtcNow();
        var due = subscriptions.Values
            .Where(s => Cadence.IsDue(s, State.Since[s.SubscriptionId], State.LastBriefing.TryGetValue(s.SubscriptionId, out var last) ? last : null, now))
            .ToList();
        if (due.Count == 0) return;

        var known = KnownKeys();
        var documents = new Dictionary<string, (string Subject, string Text)>(StringComparer.Ordinal);
        foreach (var kind in due.Select(s => BriefingKind.Named(s.Briefing)!).DistinctBy(k => k.Name))
        {
            var document = kind.Build(await GrainFactory.GetGrain<IPortfolioGrain>(StudioId).GetBriefing(kind.PeriodDays));
            documents[kind.Name] = ($"[{StudioId}] {document.Title}", MarkdownRenderer.Render(document));
        }

        foreach (var subscription in due)
        {
            var (subject, text) = documents[subscription.Briefing!];
            Queue(new OutboxMessage($"{StudioId}/{subscription.SubscriptionId}/{subscription.Briefing}/{Display.Day(now)}", subscription.SubscriptionId,
                subscription.Channel, subscription.To, subject, text, $"{subscription.Briefing} due {Display.When(now)}", now), known);
            State.LastBriefing[subscription.SubscriptionId] = now;
        }

        await state.WriteStateAsync();
    }

    /// <summary>Adds a message unless one of its key is owed, dead-lettered or lately delivered.</summary>
    private void Queue(OutboxMessage message, HashSet<string> known)
    {
        if (known.Add(message.Key)) State.Outbox.Add(message);
    }

    /// <summary>Every key the room holds (one set per pass, not a scan of the lists per message: an alert to a
    /// thousand subscribers checks a thousand keys).</summary>
    private HashSet<string> KnownKeys() =>
        new(State.Outbox.Select(m => m.Key).Concat(State.DeadLetters.Select(m => m.Key)).Concat(State.RecentlyDelivered), StringComparer.Ordinal);

    /// <summary>Attempts every message whose time has come, a few at a time; records each outcome with one write.</summary>
    private async Task<IReadOnlyList<OutboxMessage>> DeliverDue()
    {
        var now = clock.GetUtcNow();
        var due = State.Outbox.Where(m => (m.NextAttemptAt ?? m.OwedSince) <= now).ToList();
        if (due.Count == 0) return [];

        var subscriptions = Subscriptions();
        var pipeline = _attempt ??= new ResiliencePipelineBuilder().AddTimeout(Options.AttemptTimeout).Build();
        using var gate = new SemaphoreSlim(ParallelSends);
        var outcomes = await Task.WhenAll(due.Select(async message =>
        {
            await gate.WaitAsync();
            try
            {
                if (!subscriptions.TryGetValue(message.SubscriptionId, out var subscription)) return (message, Error: "its subscription was removed");
                var sender = senders.FirstOrDefault(s => s.Handles(message.Channel)) ?? throw new InvalidOperationException($"no sender for {message.Channel}");
                await pipeline.ExecuteAsync(async ct => await sender.SendAsync(StudioId, subscription, message, ct));
                return (message, Error: (string?)null);
            }
            catch (Exception failure)
            {
                return (message, Error: failure.Message);
            }
            finally
            {
                gate.Release();
            }
        }));

        var delivered = new List<OutboxMessage>();
        foreach (var (message, error) in outcomes)
        {
            State.Outbox.Remove(message);
            var counts = State.Counts.GetValueOrDefault(message.Channel, new ChannelCounts(0, 0, 0, 0));
            if (error is null)
            {
                delivered.Add(message);
                State.RecentlyDelivered.Add(message.Key);
                State.Counts[message.Channel] = counts with { Sent = counts.Sent + 1, Retried = counts.Retried + (message.Attempts > 0 ? 1 : 0) };
                NotificationsTelemetry.Delivered(StudioId, message, now - message.OwedSince);
                continue;
            }

            var failed = message with { Attempts = message.Attempts + 1, LastError = error };
            NotificationsTelemetry.AttemptFailed(StudioId, failed);
            LogAttemptFailed(logger, StudioId, message.Key, failed.Attempts, error);
            if (failed.Attempts >= Options.MaxAttempts)
            {
                State.DeadLetters.Add(failed with { DeadLetteredAt = now, NextAttemptAt = null });
                State.Counts[message.Channel] = counts with { Failed = counts.Failed + 1, DeadLettered = counts.DeadLettered + 1 };
                NotificationsTelemetry.DeadLetter(StudioId, failed);
                LogDeadLettered(logger, StudioId, message.Key, failed.Attempts);
            }
            else
            {
                State.Outbox.Add(failed with { NextAttemptAt = now + Backoff.Delay(failed.Attempts, failed.Key, Options.FirstRetryAfter, Options.LongestRetryWait) });
                State.Counts[message.Channel] = counts with { Failed = counts.Failed + 1 };
            }
        }

        if (State.RecentlyDelivered.Count > RecentlyDeliveredKept) State.RecentlyDelivered.RemoveRange(0, State.RecentlyDelivered.Count - RecentlyDeliveredKept);
        await state.WriteStateAsync();
        return delivered;
    }

    /// <summary>In a silo: a reminder while anything is owed or a cadence runs (it survives restarts), and a timer for
    /// the next retry while active. The simulator runs <see cref="Tick"/> itself on virtual time.</summary>
    private async Task KeepAwake()
    {
        if (!Options.Timers) return;
        var needed = State.Outbox.Count > 0 || HasSubscriptions;
        if (needed != _reminderSet)
        {
            var reminder = await this.GetReminder(Reminder);
            if (needed && reminder is null) await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            else if (!needed && reminder is not null) await this.UnregisterReminder(reminder);
            _reminderSet = needed;
        }

        _retry?.Dispose();
        _retry = null;
        if (State.Outbox.Count == 0) return;
        var wait = State.Outbox.Min(m => m.NextAttemptAt ?? m.OwedSince) - clock.GetUtcNow();
        _retry = this.RegisterGrainTimer(static (grain, _) => grain.Tick(), this,
            new GrainTimerCreationOptions(wait > TimeSpan.FromMilliseconds(100) ? wait : TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio {StudioId}: the configured subscription '{Subscription}' is refused: {Reason}")]
    private static partial void LogConfiguredSubscriptionRefused(ILogger logger, string studioId, string subscription, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Studio {StudioId}: attempt {Attempt} of message {Key} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string studioId, string key, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio {StudioId}: message {Key} dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string studioId, string key, int attempts);
}
