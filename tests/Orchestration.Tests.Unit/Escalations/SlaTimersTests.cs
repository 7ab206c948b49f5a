using Orchestration.Grains.Escalations;

namespace Orchestration.Tests.Unit.Escalations;

/// <summary>Which minutes of the SLA clock need a timer: one per minute escalations wait on, started when the first
/// arrives and stopped when the last leaves, whatever the number of escalations.</summary>
public class SlaTimersTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Escalations_due_in_the_same_minute_share_one_timer_started_by_the_first_and_stopped_by_the_last()
    {
        var timers = new SlaTimers();
        Assert.Equal([new SlaTimerWatch(T, true)], timers.Apply([new EscalationWatch("esc-1", T.AddSeconds(-20))]));
        Assert.Empty(timers.Apply([new EscalationWatch("esc-2", T.AddSeconds(-5)), new EscalationWatch("esc-3", T)]));

        Assert.Empty(timers.Apply([new EscalationWatch("esc-1", null), new EscalationWatch("esc-2", null)]));  // answered; esc-3 still waits
        Assert.Equal([new SlaTimerWatch(T, false)], timers.Apply([new EscalationWatch("esc-3", null)]));
        Assert.Empty(timers.Apply([new EscalationWatch("esc-3", null)]));                                    // a repeat says nothing
    }

    [Fact]
    public void A_breach_moves_an_escalation_to_the_ladders_next_step_starting_that_minute_and_stopping_an_emptied_one()
    {
        var timers = new SlaTimers();
        timers.Apply([new EscalationWatch("esc-1", T)]);
        Assert.Equal([new SlaTimerWatch(T.AddHours(24), true), new SlaTimerWatch(T, false)],
            timers.Apply([new EscalationWatch("esc-1", T.AddHours(24))]));
        Assert.True(timers.Needs(T.AddHours(24)));
        Assert.False(timers.Needs(T));
    }

    [Fact]
    public void Within_one_change_only_the_net_effect_on_each_minute_is_told()
    {
        var timers = new SlaTimers();
        timers.Apply([new EscalationWatch("esc-1", T)]);
        // Raised, breached and answered in one change: minute T+1h came and went, T lost its only escalation.
        Assert.Equal([new SlaTimerWatch(T, false)], timers.Apply([
            new EscalationWatch("esc-2", T.AddHours(1)), new EscalationWatch("esc-1", T.AddHours(1)),
            new EscalationWatch("esc-1", null), new EscalationWatch("esc-2", null)]));
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
