using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;

namespace Orchestration.Grains.Producer;

/// <summary>
/// The Producer's periodic work, each reminder calling the same method an operator can call. A reminder exists only
/// while there is something for it to watch, so an idle studio's Producer is collected like any idle grain.
/// </summary>
public sealed partial class ProducerGrain : IRemindable
{
    private const string FollowUpReminder = "follow-up";
    private const string HealthReminder = "health-review";
    private const string SlaReminder = "sla-check";

    /// <summary>What this activation knows of each reminder: registered or not. Absent: not known since activation.</summary>
    private readonly Dictionary<string, bool> _reminders = new(StringComparer.Ordinal);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case FollowUpReminder: await FollowUpActionItems(); break;
            case HealthReminder: await RunHealthReview(); break;
            case SlaReminder: await CheckEscalationSlas(); break;
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
        // An SLA runs until the escalation is answered (acknowledged, or decided for a conflict).
        yield return (SlaReminder, State.Escalations.Values.Any(e => e.Status != EscalationStatus.Resolved && !e.Responded), Portfolio.SlaCheckPeriod);
    }

    /// <summary>Before the write: a change that needs watching is not stored without its reminder.</summary>
    private async Task RegisterNeededReminders()
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

    /// <summary>After the write (never before: if the write failed, the stored state would still need it).</summary>
    private async Task UnregisterIdleReminders()
    {
        foreach (var (name, needed, _) in Watches())
        {
            if (needed || (_reminders.TryGetValue(name, out var registered) && !registered)) continue;
            if (await this.GetReminder(name) is { } reminder) await this.UnregisterReminder(reminder);
            _reminders[name] = false;
        }
    }
}
