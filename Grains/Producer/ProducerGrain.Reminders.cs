using Orchestration.Grains.Interfaces.Conflicts;

namespace Orchestration.Grains.Producer;

/// <summary>
/// The Producer's periodic work, each reminder calling the same method an operator can call. A reminder exists only
/// while there is something for it to watch: a change that needs one registers it before it is stored, and a tick
/// that finds nothing left to watch unregisters it, so an idle studio's Producer is collected like any idle grain
/// within one period. (Unregistering as soon as a change leaves nothing to watch would register and unregister on
/// every blocker a busy studio resolves.)
/// </summary>
public sealed partial class ProducerGrain : IRemindable
{
    private const string FollowUpReminder = "follow-up";
    private const string HealthReminder = "health-review";
    private const string SlaReminder = "sla-check";

    /// <summary>What this activation knows of each reminder: registered or not. Absent: not known since activation.</summary>
    private readonly Dictionary<string, bool> _reminders = new(StringComparer.Ordinal);

    /// <summary>Operations interleave: one of them registers or unregisters at a time, deciding from the state as it
    /// is once its turn comes (so an unregistration never overtakes a registration the state needs).</summary>
    private readonly SemaphoreSlim _reminderTurn = new(1, 1);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case FollowUpReminder: await FollowUpActionItems(); break;
            case HealthReminder: await RunHealthReview(); break;
            case SlaReminder: await HandOverSlaWatch(); break;
        }

        _reminders[reminderName] = true;
        await UnregisterIdleReminders();
    }

    private IEnumerable<(string Name, bool Needed, TimeSpan Period)> Watches()
    {
        // Decided conflicts have action items to follow up until every agent has applied them.
        yield return (FollowUpReminder, State.Conflicts.Values.Any(c => c.Status == ConflictStatus.Decided), options.Value.FollowUpPeriod);
        // Projects are reviewed on their cadence for as long as the studio has them.
        yield return (HealthReminder, State.Projects.Count > 0, Portfolio.CheckInPeriod);
        // SLAs have their own timers now (one per open escalation): a studio stored by an earlier release may still
        // hold this reminder; its next tick hands the open escalations to their timers, and it is never needed again.
        yield return (SlaReminder, false, TimeSpan.FromMinutes(5));
    }

    /// <summary>The studio-wide SLA sweep of an earlier release: check once more, and start the timer of every minute
    /// open escalations wait on (through the outbox, with this change).</summary>
    private Task HandOverSlaWatch() => Change(changes =>
    {
        changes.Filings.AddRange(_slaTimers.All.Select(timer => timer.AsFiling()));
        return Escalations(changes).CheckSlas();
    });

    /// <summary>Before the write: a change that needs watching is not stored without its reminder.</summary>
    private Task RegisterNeededReminders() => InReminderTurn(RegisterNeeded);

    private async Task RegisterNeeded()
    {
        foreach (var (name, needed, period) in Watches())
        {
            if (!needed || _reminders.GetValueOrDefault(name)) continue;
            // Registering again would push an existing reminder's next tick a whole period out: look first.
            if (!_reminders.ContainsKey(name) && await this.GetReminder(name) is not null)
            {
                _reminders[name] = true;
                continue;
            }

            await this.RegisterOrUpdateReminder(name, period, period);
            _reminders[name] = true;
        }
    }

    /// <summary>On a tick, after its work is stored: nothing left to watch.</summary>
    private Task UnregisterIdleReminders() => InReminderTurn(UnregisterIdle);

    private async Task InReminderTurn(Func<Task> work)
    {
        await _reminderTurn.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            _reminderTurn.Release();
        }
    }

    private async Task UnregisterIdle()
    {
        foreach (var (name, needed, _) in Watches())
        {
            if (needed || (_reminders.TryGetValue(name, out var registered) && !registered)) continue;
            if (await this.GetReminder(name) is { } reminder) await this.UnregisterReminder(reminder);
            _reminders[name] = false;
        }
    }
}
