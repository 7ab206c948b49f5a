using System.Globalization;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Escalations;

namespace Orchestration.Grains.Escalations;

/// <summary>When an escalation must next be looked at: its SLA until breached, then the ladder's next step; never once
/// it is answered, resolved or at the top. The escalation workflow says it for each escalation it changes.</summary>
[GenerateSerializer, Immutable, Alias("orch.EscalationWatch")]
public sealed record EscalationWatch(string EscalationId, DateTimeOffset? At)
{
    public static EscalationWatch Of(Escalation escalation) => new(escalation.EscalationId,
        escalation.Status == EscalationStatus.Resolved || escalation.Responded ? null
        : !escalation.Breached ? escalation.DueAt
        : escalation.NextStepAt);
}

/// <summary>What an SLA timer is told, filed through the Producer's outbox (the last one per minute wins).</summary>
[GenerateSerializer, Immutable, Alias("orch.SlaTimerWatch")]
public sealed record SlaTimerWatch(DateTimeOffset Minute, bool On)
{
    public Filing AsFiling() => new($"sla-timer:{SlaTimers.Name(Minute)}", this);
}

/// <summary>
/// Which minutes of the studio's SLA clock are needed: the escalations waiting on each. Built from the open
/// escalations when the Producer activates (it is derived, never stored), then kept up to date from the watches each
/// change says; it answers with the timers to start (a minute that gained an escalation and has no timer set). A
/// minute that loses its last escalation keeps its timer until the minute comes (<see cref="Came"/>), which then
/// stops it: a busy studio whose blockers open and close within a minute sets that minute's timer once, rather than
/// setting and removing a reminder (two reminder-table writes) every time the count passes through zero.
/// Pure: no clock, no grain.
/// </summary>
public sealed class SlaTimers
{
    private readonly Dictionary<string, DateTimeOffset> _minuteOf = new(StringComparer.Ordinal);
    private readonly Dictionary<DateTimeOffset, int> _waiting = [];

    /// <summary>The minutes whose timer this activation set, or found needed when it began; each is set until its minute comes.</summary>
    private readonly HashSet<DateTimeOffset> _set = [];

    public static SlaTimers Of(IEnumerable<Escalation> escalations)
    {
        var timers = new SlaTimers();
        foreach (var escalation in escalations) timers.Track(EscalationWatch.Of(escalation));
        timers._set.UnionWith(timers._waiting.Keys);
        return timers;
    }

    /// <summary>The timers whose minutes every open escalation needs (to hand a studio over to them).</summary>
    public IEnumerable<SlaTimerWatch> All => _waiting.Keys.Order().Select(minute => new SlaTimerWatch(minute, On: true));

    public bool Needs(DateTimeOffset minute) => _waiting.ContainsKey(Minute(minute));

    /// <summary>Applies what changed; returns the timers to start, in a stable order. Costs what the watches touch, not
    /// what the studio holds.</summary>
    public IReadOnlyList<SlaTimerWatch> Apply(IEnumerable<EscalationWatch> watches)
    {
        foreach (var watch in watches) Track(watch);
        var toStart = _waiting.Keys.Where(m => !_set.Contains(m)).Order().ToList();
        _set.UnionWith(toStart);
        return [.. toStart.Select(m => new SlaTimerWatch(m, On: true))];
    }

    /// <summary>A timer says its minute came: it stops if no escalation waits on that minute any more (all answered
    /// meanwhile); one that does keeps asking each minute until the check moves it on.</summary>
    public SlaTimerWatch? Came(DateTimeOffset at)
    {
        var minute = Minute(at);
        if (_waiting.ContainsKey(minute)) return null;
        _set.Remove(minute);
        return new SlaTimerWatch(minute, On: false);
    }

    private void Track(EscalationWatch watch)
    {
        if (_minuteOf.Remove(watch.EscalationId, out var old) && --_waiting[old] == 0) _waiting.Remove(old);
        if (watch.At is not { } at) return;
        var minute = Minute(at);
        _minuteOf[watch.EscalationId] = minute;
        _waiting[minute] = _waiting.GetValueOrDefault(minute) + 1;
    }

    /// <summary>The minute a time falls due in: rounded up, so the timer never fires before the deadline.</summary>
    public static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var floor = new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return floor == utc ? floor : floor.AddMinutes(1);
    }

    public static string Name(DateTimeOffset minute) => minute.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);

    /// <summary>The timer grain's key: <c>{studio}/{minute}</c>.</summary>
    public static string Key(string studioId, DateTimeOffset minute) => RecordKeys.Key(studioId, Name(minute));

    public static (string StudioId, DateTimeOffset Minute) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return (key[..slash], DateTimeOffset.ParseExact(key[(slash + 1)..], "yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
    }
}
