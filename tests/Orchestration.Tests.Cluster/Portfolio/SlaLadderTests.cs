using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Portfolio;

/// <summary>Escalation SLAs through the client: a miss is one breach that then climbs a bounded ladder, reads as
/// overdue, and a conflict's "decide by" is the SLA its escalation is held to.</summary>
[Collection(ClusterCollection.Name)]
public class SlaLadderTests(ClusterFixture fixture)
{
    // Agent ids are cluster-wide and an agent belongs to one studio: each test's agents are its own.
    private readonly string _tracker = Ids.New("tracker");
    private readonly string _shipper = Ids.New("shipper");

    [Fact]
    public async Task An_unacknowledged_blocker_breaches_once_climbs_a_bounded_ladder_and_reads_as_overdue()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("shipper");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Shipper", 2);
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-1"));
        var raised = (await studio.Escalations.GetEscalations()).Single();

        // Three days of checks every hour, as the reminder would make them (it ticks on the wall clock).
        var breaches = 0;
        for (var hour = 0; hour < 24 * 6; hour++)
        {
            fixture.StudioTime.Advance(TimeSpan.FromHours(1));
            breaches += (await studio.Escalations.CheckEscalationSlas()).Count(e => e.Level == 2);
        }

        var escalation = (await studio.Escalations.GetEscalations()).Single();
        Assert.Equal(1, breaches);
        Assert.Single(escalation.Breaches!);
        Assert.Equal((4, "executive-sponsor", (DateTimeOffset?)null, raised.DueAt), (escalation.Level, escalation.EscalatedTo, escalation.NextStepAt, escalation.DueAt));
        Assert.StartsWith("overdue 5 d 20 h", StudioReports.SlaLeft(escalation, fixture.StudioTime.GetUtcNow()));
        Assert.EndsWith("(level 4, executive-sponsor told)", StudioReports.SlaLeft(escalation, fixture.StudioTime.GetUtcNow()));
    }

    [Fact]
    public async Task A_conflicts_decide_by_is_the_SLA_its_escalation_is_held_to()
    {
        var studio = fixture.NewStudio();
        await studio.Producer.RegisterAgent(new AgentRegistration(_tracker, AgentKinds.ExperimentTracker, "Tracker", 4, AgentHosting.External));
        await studio.Producer.RegisterAgent(new AgentRegistration(_shipper, AgentKinds.ProjectShipper, "Shipper", 4, AgentHosting.External));
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments"], [], "Customers first", "ceo"));
        var today = fixture.Today;
        var experiment = new WorkItem("exp-1", WorkItemKind.Experiment, _tracker, "checkout", "CTA", today, today.AddDays(21), [], 100_000m, 5_000);
        await studio.WorkGraph.DeclareWorkItem(experiment, "planned");
        await studio.WorkGraph.DeclareWorkItem(new WorkItem("rel-1", WorkItemKind.Release, _shipper, "checkout", "Checkout", today, today.AddDays(30),
            [new Dependency("exp-1", 2)], Commitments: [new CustomerCommitment("Acme", 10, Contractual: true)]), "planned");

        var conflictId = (await studio.WorkGraph.DeclareWorkItem(experiment with { End = today.AddDays(42) }, "slip")).ConflictsRaised.Single();

        var conflict = (await studio.WorkGraph.GetConflict(conflictId))!;
        var escalation = (await studio.Escalations.GetEscalations()).Single(e => e.SourceId == conflictId);
        Assert.Equal(escalation.DueAt, conflict.SlaDue);
        Assert.Equal(conflict.RaisedAt + ClusterFixture.ConflictSla, conflict.SlaDue); // configured, not the seed's 48 h
    }
}
