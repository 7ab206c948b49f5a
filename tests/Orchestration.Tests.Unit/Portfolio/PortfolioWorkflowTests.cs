using Orchestration.Grains.Common;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Health;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Portfolio;
using Orchestration.Grains.Producer;

namespace Orchestration.Tests.Unit.Portfolio;

/// <summary>Health reviews, interventions and escalation SLAs on the Producer's state, with time passed in by hand.</summary>
public class PortfolioWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero); // a Monday
    private readonly ProducerState _state = new();
    private readonly PortfolioOptions _options = new();

    public PortfolioWorkflowTests()
    {
        _state.Agents["shipper-1"] = new AgentProfile("shipper-1", AgentKinds.ProjectShipper, "Shipper", 4, AgentHosting.Hosted, T0);
        foreach (var id in new[] { "checkout", "billing", "search" })
            _state.Projects[id] = ProjectRules.Declare(new ProjectDeclaration(id, id, ["shipper-1"], [new Milestone("beta", DateOnly.FromDateTime(T0.UtcDateTime).AddDays(3))]),
                null, _state.Agents, _state.Initiatives, T0);
    }

    private StudioChanges At(DateTimeOffset now) => new(_state, "studio-1", now);

    private HealthReviewResult Review(DateTimeOffset now) => new HealthWorkflow(_state, At(now), _options).Review();

    private void Status(string project, ProjectStatus status, DateTimeOffset now) =>
        _state.Projects[project] = ProjectRules.Report(_state.Projects[project], new StatusReport(Guid.NewGuid().ToString("N"), project, "shipper-1", status, $"{status}"), now);

    [Fact]
    public void Red_two_reviews_running_starts_an_intervention_with_daily_check_ins_until_green_twice()
    {
        Review(T0);
        Status("checkout", ProjectStatus.Red, T0.AddDays(1));
        Assert.Empty(Review(T0.AddDays(7)).InterventionsStarted);                  // red once

        var second = Review(T0.AddDays(14));                                        // red twice
        Assert.Equal(["checkout"], second.InterventionsStarted);
        var project = _state.Projects["checkout"];
        Assert.Equal((ReviewCadence.Daily, InterventionKind.ExtendTimeline), (project.Cadence, project.Intervention!.Kind));

        Assert.Equal(["checkout"], Review(T0.AddDays(15)).Reviewed);               // daily check-in: only the project under intervention
        Status("checkout", ProjectStatus.Green, T0.AddDays(15).AddHours(1));
        Assert.Empty(Review(T0.AddDays(16)).Recovered);                             // green once
        Assert.Equal(["checkout"], Review(T0.AddDays(17)).Recovered);               // green twice: back to weekly

        project = _state.Projects["checkout"];
        Assert.Equal((ReviewCadence.Weekly, (Intervention?)null), (project.Cadence, project.Intervention));
        Assert.Equal(T0.AddDays(17), Assert.Single(project.PastInterventions).RecoveredAt);
        Assert.Empty(Review(T0.AddDays(18)).Reviewed);                              // not due for a week
    }

    [Fact]
    public void Owners_over_capacity_get_resources_and_scope_creep_gets_descoped()
    {
        var today = DateOnly.FromDateTime(T0.UtcDateTime);
        var checkout = _state.Projects["checkout"] with { Milestones = [new Milestone("beta", today.AddDays(-3))] };
        var blocker = new ReportRecord("b-1", ReportKind.Blocker, "shipper-1", "checkout", "unclear spec", "late", Severity.High, "pm", T0);

        Assert.Equal(InterventionKind.AddResources, InterventionPolicy.Choose(checkout, [], ownerUtilization: 1.25, today, 0.9).Kind);
        Assert.Equal(InterventionKind.DescopeToMvp, InterventionPolicy.Choose(checkout, [blocker], 0.5, today, 0.9).Kind);
        Assert.Equal(InterventionKind.ExtendTimeline, InterventionPolicy.Choose(checkout, [], 0.5, today, 0.9).Kind);
    }

    [Fact]
    public void The_same_blocker_category_in_three_projects_is_flagged_once_while_it_lasts()
    {
        foreach (var (id, project) in new[] { ("b1", "checkout"), ("b2", "billing"), ("b3", "search"), ("b4", "search") })
            _state.OpenReports[id] = new ReportRecord(id, ReportKind.Blocker, "shipper-1", project, "spec unclear", "late", Severity.Medium, "pm", T0, "x", Category: "requirements");

        var first = At(T0);
        Assert.Equal(["requirements"], new HealthWorkflow(_state, first, _options).Review().SystemicIssuesFlagged);
        Assert.Single(first.Events.OfType<SystemicIssueFlagged>());
        Assert.Equal(["billing", "checkout", "search"], _state.SystemicIssues.Single().ProjectIds);

        Assert.Empty(Review(T0.AddDays(7)).SystemicIssuesFlagged);                  // still there: not flagged again
        _state.OpenReports.Remove("b1");
        Review(T0.AddDays(14));
        Assert.NotNull(_state.SystemicIssues.Single().ClearedAt);                    // down to two projects: cleared
    }

    [Fact]
    public void Each_change_tells_the_escalations_timer_when_to_look_next_and_to_stop_once_it_is_answered()
    {
        static DateTimeOffset? Watch(StudioChanges changes) =>
            changes.Filings.Select(f => f.Record).OfType<EscalationWatch>().Single().At;

        var raised = At(T0);
        var escalation = new EscalationWorkflow(_state, raised, _options).Raise(EscalationClass.AgentBlocker, "b-1", "checkout", "blocked", "shipper-1");
        Assert.Equal(T0.AddHours(4), Watch(raised));                               // its SLA

        var late = At(T0.AddHours(5));
        new EscalationWorkflow(_state, late, _options).CheckSlas();
        Assert.Equal(T0.AddHours(28), Watch(late));                                // breached: the ladder's next step

        var answered = At(T0.AddHours(6));
        new EscalationWorkflow(_state, answered, _options).Acknowledge(new EscalationAcknowledgement(escalation.EscalationId, "producer", "shipper-2"));
        Assert.Null(Watch(answered));                                              // answered: no timer

        var quiet = At(T0.AddHours(7));
        new EscalationWorkflow(_state, quiet, _options).CheckSlas();
        Assert.Empty(quiet.Filings);                                               // nothing changed, nothing told
    }

    [Fact]
    public void A_blocker_not_acknowledged_within_four_hours_breaches_once_and_reads_as_overdue()
    {
        var escalation = new EscalationWorkflow(_state, At(T0), _options).Raise(EscalationClass.AgentBlocker, "b-1", "checkout", "blocked", "shipper-1");
        Assert.Equal(T0.AddHours(4), escalation.DueAt);

        Assert.Empty(new EscalationWorkflow(_state, At(T0.AddHours(4)), _options).CheckSlas()); // due, not yet late
        var changes = At(T0.AddHours(4).AddMinutes(1));
        var breached = Assert.Single(new EscalationWorkflow(_state, changes, _options).CheckSlas());

        // One breach; the due time stays where it was (so it reads as overdue), the ladder's first step is told.
        Assert.Equal((2, T0.AddHours(4), "studio-producer", T0.AddHours(28)), (breached.Level, breached.DueAt, breached.EscalatedTo, breached.NextStepAt));
        Assert.Equal(new SlaBreach(T0.AddHours(4), T0.AddHours(4).AddMinutes(1), 1), Assert.Single(breached.Breaches!));
        Assert.Single(changes.Events.OfType<EscalationBreached>());
        Assert.Empty(new EscalationWorkflow(_state, At(T0.AddHours(5)), _options).CheckSlas()); // nothing new until the next step

        new EscalationWorkflow(_state, At(T0.AddHours(6)), _options).Acknowledge(new EscalationAcknowledgement(escalation.EscalationId, "producer", "shipper-2"));
        Assert.Empty(new EscalationWorkflow(_state, At(T0.AddDays(3)), _options).CheckSlas()); // acknowledged: no more steps
        Assert.Single(_state.Escalations[escalation.EscalationId].Breaches!);
    }

    [Fact]
    public void An_unanswered_escalation_climbs_a_bounded_ladder_and_counts_one_breach()
    {
        // A held conflict nobody decides: 48 h SLA, then the default ladder at +0, +24 h and +72 h, then nothing more.
        var escalation = new EscalationWorkflow(_state, At(T0), _options).Raise(EscalationClass.StrategicConflict, "conflict-1", null, "held", "producer");
        var events = new List<StudioEvent>();
        for (var hour = 1; hour <= 24 * 30; hour++) // a check every hour for a month
        {
            var changes = At(T0.AddHours(hour));
            new EscalationWorkflow(_state, changes, _options).CheckSlas();
            events.AddRange(changes.Events);
        }

        var final = _state.Escalations[escalation.EscalationId];
        Assert.Single(events.OfType<EscalationBreached>());
        Assert.Equal([T0.AddHours(49), T0.AddHours(72), T0.AddHours(120)], events.Select(e => e.At));
        Assert.Equal((4, "executive-sponsor", (DateTimeOffset?)null), (final.Level, final.EscalatedTo, final.NextStepAt));
        Assert.Single(final.Breaches!);

        // The ladder is configuration: two steps, and a different audience.
        _options.Ladder = [new LadderStep { Notify = "ops-lead" }, new LadderStep { After = TimeSpan.FromHours(2), Notify = "cto" }];
        var request = new EscalationWorkflow(_state, At(T0), _options).Raise(EscalationClass.StakeholderRequest, "req-1", null, "asked", "cfo");
        new EscalationWorkflow(_state, At(T0.AddHours(25)), _options).CheckSlas();
        new EscalationWorkflow(_state, At(T0.AddHours(26)), _options).CheckSlas();
        Assert.Equal((3, "cto"), (_state.Escalations[request.EscalationId].Level, _state.Escalations[request.EscalationId].EscalatedTo));
    }

    [Theory]
    [InlineData(EscalationClass.AgentBlocker, 4 * 60)]
    [InlineData(EscalationClass.StakeholderRequest, 24 * 60)]
    [InlineData(EscalationClass.StrategicConflict, 48 * 60)]
    [InlineData(EscalationClass.CriticalIncident, 15)]
    public void Each_class_has_the_seed_sla_and_a_configured_one_wins(EscalationClass escalationClass, int minutes)
    {
        Assert.Equal(T0.AddMinutes(minutes), new EscalationWorkflow(_state, At(T0), _options).Raise(escalationClass, "s", null, "x", "y").DueAt);
        _options.Sla[escalationClass] = TimeSpan.FromMinutes(7);
        Assert.Equal(T0.AddMinutes(7), new EscalationWorkflow(_state, At(T0), _options).Raise(escalationClass, "s2", null, "x", "y").DueAt);
    }

    [Fact]
    public void A_strategic_conflict_meets_its_sla_with_a_decision_not_an_acknowledgement()
    {
        var workflow = new EscalationWorkflow(_state, At(T0), _options);
        var escalation = workflow.Raise(EscalationClass.StrategicConflict, "conflict-1", null, "late", "producer");
        workflow.Acknowledge(new EscalationAcknowledgement(escalation.EscalationId, "producer", "cto"));

        Assert.Single(new EscalationWorkflow(_state, At(T0.AddHours(49)), _options).CheckSlas());
        Assert.Equal("request.escalationId", Assert.Throws<InvalidRequestException>(() =>
            new EscalationWorkflow(_state, At(T0), _options).Resolve(new EscalationResolution(escalation.EscalationId, "cto", "done"))).Field);
    }

    [Fact]
    public void Status_history_keeps_the_last_status_of_each_iso_week()
    {
        Status("billing", ProjectStatus.Yellow, T0);                 // 2026-W41
        Status("billing", ProjectStatus.Red, T0.AddDays(2));         // same week: replaces
        Status("billing", ProjectStatus.Green, T0.AddDays(7));       // 2026-W42

        Assert.Equal([("2026-W41", ProjectStatus.Red), ("2026-W42", ProjectStatus.Green)], _state.Projects["billing"].History.Select(h => (h.Week, h.Status)));
        Assert.Equal(ProjectStatus.Red, ProjectRules.LastWeek(_state.Projects["billing"], T0.AddDays(8)));
        Assert.Equal("report.agentId", Assert.Throws<InvalidRequestException>(() =>
            ProjectRules.Report(_state.Projects["billing"], new StatusReport("s", "billing", "stranger", ProjectStatus.Red, "x"), T0)).Field);
        Assert.Equal("report.status", Assert.Throws<InvalidRequestException>(() =>
            ProjectRules.Report(_state.Projects["billing"], new StatusReport("s", "billing", "shipper-1", (ProjectStatus)7, "x"), T0)).Field);
    }
}
