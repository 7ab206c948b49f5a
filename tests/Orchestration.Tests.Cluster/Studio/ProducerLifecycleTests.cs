using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>What a studio costs the cluster: a refusal does not throw its Producer out of memory, and an escalation
/// keeps a reminder — its own timer's — only while it waits for an answer.</summary>
[Collection(ClusterCollection.Name)]
public class ProducerLifecycleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_refused_request_keeps_the_Producer_activation()
    {
        var studio = fixture.NewStudio();
        await studio.RegisterExternalAgentAsync(Ids.New("llm"), AgentKinds.ExperimentTracker, "LLM", 2);
        var before = Activation(studio.Producer);

        await Assert.ThrowsAsync<InvalidRequestException>(() => studio.ReportBlockerAsync(Samples.Blocker("nobody")));
        await Assert.ThrowsAsync<InvalidRequestException>(() => studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement("esc-404", "ops", "ops")));

        Assert.Equal(before, Activation(studio.Producer));
    }

    [Fact]
    public async Task An_escalations_minute_keeps_its_timer_until_the_minute_comes_and_the_Producer_keeps_none()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);

        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-1"));
        var first = (await studio.Escalations.GetEscalations()).Single();
        var timer = Timer(studio, first.DueAt);
        await Eventually.Until(() => Reminders(timer), r => r.Contains("sla"), "the timer of the escalation's minute to be set");
        Assert.Equal(SlaTimers.Minute(first.DueAt), await timer.GetWatch());
        Assert.Empty(await Reminders(studio.Producer));

        // Answered (acknowledged and assigned): the SLA is met. The timer is not removed now (blockers that open and
        // close within a minute would set and remove a reminder each time), but when its minute comes, empty.
        await studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement(first.EscalationId, "producer", "ops-lead"));
        Assert.Contains("sla", await Reminders(timer));
        await MinuteComes(timer, first.DueAt);
        await Eventually.Until(() => Reminders(timer), r => r.Count == 0, "the answered escalation's timer to go when its minute came");
        Assert.DoesNotContain(await studio.Escalations.GetEscalations(), e => e.Breached);

        // From a fresh Producer activation too, which never set that minute's timer itself.
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-2"));
        var secondDue = (await studio.Escalations.GetEscalations()).Single(e => e.SourceId == "blk-2").DueAt;
        var second = Timer(studio, secondDue);
        await Eventually.Until(() => Reminders(second), r => r.Contains("sla"), "the second escalation's timer to be set");
        await studio.ResolveReportAsync("blk-2", "producer", "unblocked");
        await fixture.Cluster.DeactivateAsync(studio.Producer);
        await MinuteComes(second, secondDue);
        await Eventually.Until(() => Reminders(second), r => r.Count == 0, "the resolved escalation's timer to go when its minute came");
        Assert.Empty(await Reminders(studio.Producer));
    }

    /// <summary>The minute's time comes on the studio's clock. Its reminder is set in real time, so the test has it fire
    /// now, as the reminder would then.</summary>
    private async Task MinuteComes(ISlaTimerGrain timer, DateTimeOffset due)
    {
        var late = due - fixture.StudioTime.GetUtcNow() + TimeSpan.FromMinutes(1);
        if (late > TimeSpan.Zero) fixture.StudioTime.Advance(late);
        await timer.Start(fixture.StudioTime.GetUtcNow());
    }

    [Fact]
    public async Task When_its_time_comes_the_timer_has_the_Producer_record_the_breach_and_waits_for_the_next_step()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-late"));
        var escalation = (await studio.Escalations.GetEscalations()).Single();
        var timer = Timer(studio, escalation.DueAt);
        await Eventually.Until(() => Reminders(timer), r => r.Contains("sla"), "the timer to be set for the SLA");

        // Four hours pass on the studio's clock. Its reminder is set in real time, so the test tells the timer its minute
        // is now, as the reminder would; nobody calls the SLA check.
        fixture.StudioTime.Advance(escalation.DueAt - fixture.StudioTime.GetUtcNow() + TimeSpan.FromMinutes(1));
        await timer.Start(fixture.StudioTime.GetUtcNow());

        var breached = await Eventually.Until(async () => (await studio.Escalations.GetEscalations()).Single(), e => e.Breached, "the breach, recorded by the Producer when the timer fired");
        Assert.Equal(2, breached.Level);
        await Eventually.Until(() => Reminders(Timer(studio, breached.NextStepAt!.Value)), r => r.Contains("sla"), "the timer of the ladder's next step");
        await Eventually.Until(() => Reminders(timer), r => r.Count == 0, "the SLA's minute, now empty, to stop");
    }

    [Fact]
    public async Task A_studio_from_an_earlier_release_hands_its_open_escalations_to_timers_on_its_old_SLA_tick()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-old"));
        var escalation = (await studio.Escalations.GetEscalations()).Single();
        var timer = Timer(studio, escalation.DueAt);
        await Eventually.Until(() => Reminders(timer), r => r.Contains("sla"), "the timer to be set");

        // As an earlier release left it: the escalation open without a timer, and the studio-wide sweep's tick due.
        await timer.Stop();
        Assert.Empty(await Reminders(timer));
        await studio.Producer.AsReference<IRemindable>().ReceiveReminder("sla-check", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(5), DateTime.UtcNow));

        await Eventually.Until(() => Reminders(timer), r => r.Contains("sla"), "the open escalation to be handed to its timer");
        Assert.Equal(SlaTimers.Minute(escalation.DueAt), await timer.GetWatch());
        Assert.DoesNotContain("sla-check", await Reminders(studio.Producer));
    }

    /// <summary>The SLA timer of the minute <paramref name="at"/> falls due in.</summary>
    private ISlaTimerGrain Timer(Orchestration.Client.StudioClient studio, DateTimeOffset at) =>
        fixture.Cluster.Client.GetGrain<ISlaTimerGrain>(SlaTimers.Key(studio.StudioId, SlaTimers.Minute(at)));

    private ActivationId Activation(IAddressable grain) =>
        fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.ActivationId : throw new InvalidOperationException("not active");

    private async Task<IReadOnlyList<string>> Reminders(IAddressable grain)
    {
        var table = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();
        return [.. (await table.ReadRows(grain.GetGrainId())).Reminders.Select(r => r.ReminderName)];
    }
}
