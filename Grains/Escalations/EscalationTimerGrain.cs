using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Orchestration.Grains.Escalations;

/// <summary>
/// The SLA clock of one open escalation (key <c>{studio}/{escalationId}</c>): a reminder due when the escalation must
/// next be looked at — its SLA, then each step of the ladder — and gone once it is answered, resolved or at the top of
/// the ladder. The Producer tells it through its outbox; it tells the Producer, one way, when the time has come. So an
/// idle studio holds no reminder of its own, and each escalation is checked at its own time, not on a shared sweep.
/// </summary>
[Alias("orch.IEscalationTimerGrain")]
public interface IEscalationTimerGrain : IGrainWithStringKey
{
    /// <summary>Look at the escalation at <paramref name="at"/> (and each minute after, until told otherwise), or
    /// never again (null). Telling it the same again changes nothing.</summary>
    [Alias("Watch")]
    Task Watch(DateTimeOffset? at);

    /// <summary>When the escalation will next be looked at; null when it is not watched.</summary>
    [ReadOnly, Alias("GetWatch")]
    Task<DateTimeOffset?> GetWatch();
}

/// <summary>Where an escalation's timer hears that its time has come: the studio's Producer. One way, so the timer
/// never waits on the grain that tells it what to do.</summary>
[Alias("orch.IEscalationClock")]
public interface IEscalationClock : IGrainWithStringKey
{
    [OneWay, Alias("Due")]
    Task Due(string escalationId);
}

/// <summary>What an escalation's timer is told, filed through the Producer's outbox like a record (the last one per
/// escalation wins): when to look next, or null to stop.</summary>
[GenerateSerializer, Immutable, Alias("orch.EscalationWatch")]
public sealed record EscalationWatch(string EscalationId, DateTimeOffset? At)
{
    /// <summary>Late and unanswered: its SLA until breached, then the ladder's next step; nothing once answered.</summary>
    public static EscalationWatch Of(Escalation escalation) => new(escalation.EscalationId,
        escalation.Status == EscalationStatus.Resolved || escalation.Responded ? null
        : !escalation.Breached ? escalation.DueAt
        : escalation.NextStepAt);

    public Filing AsFiling() => new($"timer:{EscalationId}", this);
}

public sealed class EscalationTimerGrain([FromKeyedServices(StudioClock.Key)] TimeProvider clock) : Grain, IEscalationTimerGrain, IRemindable
{
    private const string Reminder = "sla";

    /// <summary>Orleans' shortest reminder period: after its time, the timer asks again each minute until answered.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _at;
    private bool _known;

    private (string StudioId, string EscalationId) Key
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            return (key[..slash], key[(slash + 1)..]);
        }
    }

    public async Task Watch(DateTimeOffset? at)
    {
        if (_known && _at == at) return;
        if (at is { } when)
        {
            var due = when - clock.GetUtcNow();
            await this.RegisterOrUpdateReminder(Reminder, due > TimeSpan.FromSeconds(1) ? due : TimeSpan.FromSeconds(1), Period);
        }
        else
        {
            if (await this.GetReminder(Reminder) is { } reminder) await this.UnregisterReminder(reminder);
            DeactivateOnIdle();
        }

        (_at, _known) = (at, true);
    }

    /// <summary>What this activation was told (a timer reactivated by its reminder knows only that it is watching).</summary>
    public Task<DateTimeOffset?> GetWatch() => Task.FromResult(_at);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        var (studioId, escalationId) = Key;
        return GrainFactory.GetGrain<IEscalationClock>(studioId).Due(escalationId);
    }
}
