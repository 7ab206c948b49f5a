using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains.Common;
using Orleans.Concurrency;

namespace Orchestration.Grains.Escalations;

/// <summary>
/// One minute of a studio's SLA clock (key <c>{studio}/{minute}</c>, see <see cref="SlaTimers.Key"/>): a reminder due
/// at that minute, set when an open escalation first must be looked at then (its SLA, or a step of the ladder) and
/// removed when the minute comes and none must any more. Escalations due in the same minute share it, so a busy studio
/// sets a reminder per minute of deadlines, not per blocker. The Producer tells it through its outbox; it tells the
/// Producer, one way, when the minute has come. An idle studio's last reminders go at their minutes.
/// </summary>
[Alias("orch.ISlaTimerGrain")]
public interface ISlaTimerGrain : IGrainWithStringKey
{
    /// <summary>Sets the reminder for <paramref name="at"/> (and each minute after, until stopped). Idempotent.</summary>
    [Alias("Start")]
    Task Start(DateTimeOffset at);

    /// <summary>Removes the reminder. Idempotent.</summary>
    [Alias("Stop")]
    Task Stop();

    /// <summary>The minute this timer was last told to watch, while it watches; null once stopped.</summary>
    [ReadOnly, Alias("GetWatch")]
    Task<DateTimeOffset?> GetWatch();
}

/// <summary>Where an SLA timer says its minute has come: the studio's Producer. One way, so the timer never waits on
/// the grain that tells it what to do.</summary>
[Alias("orch.IEscalationClock")]
public interface IEscalationClock : IGrainWithStringKey
{
    [OneWay, Alias("Due")]
    Task Due(DateTimeOffset at);
}

public sealed class SlaTimerGrain([FromKeyedServices(StudioClock.Key)] TimeProvider clock) : Grain, ISlaTimerGrain, IRemindable
{
    private const string Reminder = "sla";

    /// <summary>Orleans' shortest reminder period: after its minute, the timer asks again each minute until stopped.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _at;

    public async Task Start(DateTimeOffset at)
    {
        if (_at == at) return;
        var due = at - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(Reminder, due > TimeSpan.FromSeconds(1) ? due : TimeSpan.FromSeconds(1), Period);
        _at = at;
    }

    public async Task Stop()
    {
        if (await this.GetReminder(Reminder) is { } reminder) await this.UnregisterReminder(reminder);
        _at = null;
        DeactivateOnIdle();
    }

    public Task<DateTimeOffset?> GetWatch() => Task.FromResult(_at);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        var (studioId, at) = SlaTimers.Parse(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IEscalationClock>(studioId).Due(at);
    }
}
