using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>What a studio costs the cluster: a refusal does not throw its Producer out of memory, and an idle studio
/// keeps no reminder that would hold it there.</summary>
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
    public async Task The_SLA_reminder_lives_only_while_an_escalation_waits_for_an_answer()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);
        Assert.DoesNotContain("sla-check", await Reminders(studio.Producer));

        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-1"));
        Assert.Contains("sla-check", await Reminders(studio.Producer));

        // Answered (acknowledged and assigned): the SLA is met; the next tick finds nothing to check and goes.
        var escalation = (await studio.Escalations.GetEscalations()).Single();
        await studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement(escalation.EscalationId, "producer", "ops-lead"));
        await Eventually.Until(() => Reminders(studio.Producer), r => !r.Contains("sla-check"), "the SLA reminder to go at its next tick");

        // Known after a fresh activation too: a new blocker registers it again, resolving it removes it again.
        await fixture.Cluster.DeactivateAsync(studio.Producer);
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-2"));
        Assert.Contains("sla-check", await Reminders(studio.Producer));
        await studio.ResolveReportAsync("blk-2", "producer", "unblocked");
        await Eventually.Until(() => Reminders(studio.Producer), r => !r.Contains("sla-check"), "the SLA reminder to go at its next tick");
    }

    private ActivationId Activation(IAddressable grain) =>
        fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.ActivationId : throw new InvalidOperationException("not active");

    private async Task<IReadOnlyList<string>> Reminders(IAddressable grain)
    {
        var table = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();
        return [.. (await table.ReadRows(grain.GetGrainId())).Reminders.Select(r => r.ReminderName)];
    }
}
