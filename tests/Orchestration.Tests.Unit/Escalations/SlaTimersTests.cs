using Orchestration.Grains.Escalations;

namespace Orchestration.Tests.Unit.Escalations;

/// <summary>Which minutes of the SLA clock need a timer: one per minute escalations wait on, started when the first
/// arrives, whatever the number of escalations, and stopped when its minute comes and nothing waits on it any more.</summary>
public class SlaTimersTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Escalations_due_in_the_same_minute_share_one_timer_started_by_the_first_and_stopped_when_the_minute_comes_empty()
    {
        var timers = new SlaTimers();
        Assert.Equal([new SlaTimerWatch(T, true)], timers.Apply([new EscalationWatch("esc-1", T.AddSeconds(-20))]));
        Assert.Empty(timers.Apply([new EscalationWatch("esc-2", T.AddSeconds(-5)), new EscalationWatch("esc-3", T)]));

        Assert.Empty(timers.Apply([new EscalationWatch("esc-1", null), new EscalationWatch("esc-2", null)]));  // answered; esc-3 still waits
        Assert.Null(timers.Came(T));                                                          // esc-3 waits: the timer stays
        Assert.Empty(timers.Apply([new EscalationWatch("esc-3", null)]));                                    // the last answered: no table write now
        Assert.Equal(new SlaTimerWatch(T, false), timers.Came(T));                            // its minute came empty: stopped
    }

    [Fact]
    public void Blockers_opened_and_closed_again_and_again_in_one_minute_set_its_timer_once()
    {
        var timers = new SlaTimers();
        var told = Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            timers.Apply([new EscalationWatch($"esc-{i}", T.AddSeconds(-i % 60))]),
            timers.Apply([new EscalationWatch($"esc-{i}", null)]),
        }).SelectMany(w => w).ToList();

        Assert.Equal([new SlaTimerWatch(T, true)], told);
        Assert.False(timers.Needs(T));
        Assert.Equal(new SlaTimerWatch(T, false), timers.Came(T));
        Assert.Equal([new SlaTimerWatch(T, true)], timers.Apply([new EscalationWatch("esc-late", T)])); // stopped: set again if needed
    }

    [Fact]
    public void A_breach_moves_an_escalation_to_the_ladders_next_step_starting_that_minute_and_the_emptied_one_stops_as_it_comes()
    {
        var timers = new SlaTimers();
        timers.Apply([new EscalationWatch("esc-1", T)]);
        Assert.Equal([new SlaTimerWatch(T.AddHours(24), true)], timers.Apply([new EscalationWatch("esc-1", T.AddHours(24))]));
        Assert.True(timers.Needs(T.AddHours(24)));
        Assert.False(timers.Needs(T));
        Assert.Equal(new SlaTimerWatch(T, false), timers.Came(T));
        Assert.Null(timers.Came(T.AddHours(24)));
    }

    [Fact]
    public void A_fresh_activation_takes_the_minutes_open_escalations_need_as_set_and_stops_a_minute_it_did_not_know()
    {
        var timers = SlaTimers.Of([]);
        Assert.Equal(new SlaTimerWatch(T, false), timers.Came(T)); // a timer an earlier activation left: it stops
        Assert.Empty(timers.All);
    }

    [Fact]
    public void A_deadline_falls_due_in_its_minute_rounded_up_and_the_key_names_it()
    {
        Assert.Equal(T, SlaTimers.Minute(T));
        Assert.Equal(T.AddMinutes(1), SlaTimers.Minute(T.AddTicks(1)));
        Assert.Equal(T, SlaTimers.Minute(T.ToOffset(TimeSpan.FromHours(2)).AddSeconds(-59)));
        Assert.Equal("studio-1/20261127T1300Z", SlaTimers.Key("studio-1", T));
        Assert.Equal(("studio-1", T), SlaTimers.Parse(SlaTimers.Key("studio-1", T)));
    }
}
