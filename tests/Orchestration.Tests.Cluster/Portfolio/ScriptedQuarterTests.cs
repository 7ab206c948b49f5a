using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Portfolio;

/// <summary>
/// A studio's 2026-Q4, week by week on the studio clock, through the Orleans client: projects go red and recover,
/// blockers escalate and breach, a systemic issue appears, a conflict waits a day for a human, work ships, key
/// results move, the quarter closes. Then every computed metric and the three reports are checked against numbers
/// worked out by hand in the comments.
/// </summary>
[Collection(QuarterClusterCollection.Name)]
public class ScriptedQuarterTests(QuarterClusterFixture fixture)
{
    private DateTimeOffset Now => fixture.StudioTime.GetUtcNow();

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    private void Day(int days) => fixture.StudioTime.Advance(TimeSpan.FromDays(days));

    [Fact]
    public async Task A_scripted_quarter_gives_the_hand_computed_metrics_and_reports()
    {
        var studio = fixture.NewStudio();
        var p = studio.Producer;
        var start = Today; // Monday 2026-10-05
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, "q-shipper", "Shipper", 6);
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, "q-tracker", "Tracker", 4);
        await studio.RegisterExternalAgentAsync("q-llm", AgentKinds.ExperimentTracker, "LLM tracker", 2);
        await studio.PublishStrategyAsync(new StrategyChange("q-m1", 1, ["customer-commitments"], ["human-approval for conflicts"], "Customers first", "ceo"));

        // Work: two feature releases, a debt release, an experiment and a conflict pair.
        WorkItem Item(string id, WorkItemKind kind, string owner, string project, int end, WorkCategory category = WorkCategory.Feature, params Dependency[] needs) =>
            new(id, kind, owner, project, id, start, start.AddDays(end), needs, kind == WorkItemKind.Experiment ? 10_000m : 0, kind == WorkItemKind.Experiment ? 1_000 : 0, Category: category);
        foreach (var item in new[]
        {
            Item("rel-a", WorkItemKind.Release, "q-shipper", "alpha", 30), Item("rel-b", WorkItemKind.Release, "q-shipper", "beta", 70),
            Item("debt-1", WorkItemKind.Release, "q-shipper", "delta", 35, WorkCategory.TechnicalDebt), Item("exp-1", WorkItemKind.Experiment, "q-llm", "gamma", 40),
            Item("exp-2", WorkItemKind.Experiment, "q-llm", "gamma", 20), Item("rel-c", WorkItemKind.Release, "q-shipper", "gamma", 28, WorkCategory.Feature, new Dependency("exp-2")),
        })
            await studio.WorkGraph.DeclareWorkItem(item, "planned");

        await studio.Portfolio.SetObjective(new Objective("okr-conv", "2026-Q4", "Grow conversion", [new KeyResult("conv", "Conversion", 2.0, 3.0, 2.0, "%")]));
        await studio.Portfolio.SetObjective(new Objective("okr-nps", "2026-Q4", "Happier customers", [new KeyResult("nps", "NPS", 40, 50, 40, "points"), new KeyResult("tickets", "Tickets/week", 100, 60, 100, "tickets")]));
        await studio.Portfolio.DeclareInitiative(new Initiative("init-checkout", "Increase conversion by 25%", start, start.AddDays(84), "okr-conv", ["rel-a", "rel-b"]));
        foreach (var (id, owners, betaDay) in new[] { ("alpha", new[] { "q-shipper" }, 60), ("beta", ["q-shipper", "q-tracker"], 12), ("gamma", ["q-tracker"], 60), ("delta", ["q-shipper"], 60) })
            await studio.Portfolio.DeclareProject(new ProjectDeclaration(id, id.ToUpperInvariant(), owners, [new Milestone("beta", start.AddDays(betaDay)), new Milestone("launch", start.AddDays(90))], id == "alpha" ? "init-checkout" : null));

        // Week 1: everything green; the first review looks at every project.
        foreach (var project in new[] { "alpha", "beta", "gamma", "delta" }) await Status(studio.Portfolio, project, ProjectStatus.Green, "on plan");
        Assert.Equal(4, (await studio.Portfolio.RunHealthReview()).Reviewed.Count);

        // Week 2: beta goes red; "requirements" blocks three projects; delta reports a risk; agents clear 4 issues themselves.
        Day(7);
        await Status(studio.Portfolio, "beta", ProjectStatus.Red, "scope creep");
        foreach (var (id, project) in new[] { ("blk-1", "alpha"), ("blk-2", "beta"), ("blk-3", "gamma") })
            await p.ReportBlocker(new BlockerReport(id, "q-shipper", project, "Requirements unclear", "build", "stalls the sprint", Severity.Medium, "pm", "Requirements"));
        await p.ReportRisk(new RiskReport("risk-1", "q-shipper", "delta", "Vendor API may change", "a week of rework", Severity.High, "lead", 0.4, "pin the API version", Today.AddDays(5)));
        for (var i = 1; i <= 4; i++) await studio.Portfolio.LogResolvedIssue(new ResolvedIssue($"self-{i}", "q-shipper", "alpha", "flaky-test", "CI flaked", "re-ran"));
        var week2 = await studio.Portfolio.RunHealthReview();
        Assert.Equal(["requirements"], week2.SystemicIssuesFlagged);
        Assert.Empty(week2.InterventionsStarted);                                     // red once

        // Blockers are escalated with a 4 h SLA: two are acknowledged in time, blk-3 is not and breaches at 4 h 1 min.
        var escalations = await studio.Escalations.GetEscalations();
        foreach (var source in new[] { "blk-1", "blk-2" })
            await studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement(escalations.Single(e => e.SourceId == source).EscalationId, "producer", "pm"));
        fixture.StudioTime.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        var breached = Assert.Single(await studio.Escalations.CheckEscalationSlas());
        Assert.Equal(("blk-3", 2), (breached.SourceId, breached.Level));
        Assert.Empty(await studio.Escalations.CheckEscalationSlas());                                   // once per level

        // A stakeholder request, acknowledged after two hours (well inside 24 h).
        var request = await studio.Escalations.RaiseStakeholderRequest(new StakeholderRequest("req-1", "cfo", "Quarterly cost view", "alpha"));
        fixture.StudioTime.Advance(TimeSpan.FromHours(2));
        await studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement(request.EscalationId, "producer", "finance-agent"));

        // Week 3: beta red again → intervention. Its owners are not overloaded (the shipper holds 4 of 6), but its beta
        // milestone (day 12) is overdue and it has an open blocker: descope to MVP.
        Day(7);
        await Status(studio.Portfolio, "beta", ProjectStatus.Red, "still slipping");
        await p.ResolveReport(new ResolveReport("risk-1", "lead", "API version pinned")); // risk open 2026-10-12 09:00 → 10-19 15:01
        var week3 = await studio.Portfolio.RunHealthReview();
        Assert.Equal(["beta"], week3.InterventionsStarted);
        var beta = (await studio.Portfolio.GetProjects()).Single(x => x.ProjectId == "beta");
        Assert.Equal((ReviewCadence.Daily, InterventionKind.DescopeToMvp), (beta.Cadence, beta.Intervention!.Kind));
        var directive = await Eventually.Until(studio.HostedAgent(AgentKinds.ProjectShipper, "q-shipper").GetSnapshot,
            s => s.Inbox.Any(m => m.Type == nameof(InterventionDirective)), "the intervention directive");
        Assert.Contains("Descope", directive.Inbox.Last(m => m.Type == nameof(InterventionDirective)).Summary);

        // Daily check-ins: green twice → back to weekly. The blockers are cleared; the systemic issue goes with them.
        Day(1);
        await Status(studio.Portfolio, "beta", ProjectStatus.Green, "MVP scope agreed");
        Assert.Equal(["beta"], (await studio.Portfolio.RunHealthReview()).Reviewed);                 // only beta is due (daily)
        Day(1);
        Assert.Equal(["beta"], (await studio.Portfolio.RunHealthReview()).Recovered);
        foreach (var id in new[] { "blk-1", "blk-2", "blk-3" }) await p.ResolveReport(new ResolveReport(id, "pm", "requirements written"));

        // A conflict held for a human (the strategy says so), decided a day later: decision velocity 1 day.
        var conflictId = Assert.Single((await studio.WorkGraph.DeclareWorkItem(Item("exp-2", WorkItemKind.Experiment, "q-llm", "gamma", 40), "needs more traffic")).ConflictsRaised);
        Day(1);
        await studio.WorkGraph.ApproveDecision(new ApproveDecision(conflictId, "delay-dependent", "cto", "gamma can wait"));

        // Handoffs: one accepted, one rejected by the external agent.
        await p.OfferHandoff(new HandoffOffer("h-1", HandoffKind.WinningExperiment, "q-llm", "q-shipper", "exp-1", "gamma", "Implement it", new Dictionary<string, string> { ["winner"] = "b" }, 2));
        await p.OfferHandoff(new HandoffOffer("h-2", HandoffKind.PostLaunch, "q-shipper", "q-llm", "rel-a", "alpha", "Metrics", new Dictionary<string, string> { ["user-feedback"] = "fast" }, 3));
        await p.RespondToHandoff(new HandoffResponse("h-2", "q-llm", Accept: false, "busy with exp-2"));
        await Eventually.Until(p.GetHandoffs, h => h.All(x => x.Status != HandoffStatus.Offered), "both handoffs settled");

        // Mid-quarter (2026-11-16): key results move and one target is adjusted; samples come in from outside.
        Day(25);
        await studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("u-1", "okr-conv", "conv", 2.6));
        await studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("u-1", "okr-conv", "conv", 9.9));  // a retry of u-1: ignored
        await studio.Portfolio.AdjustObjective(new ObjectiveAdjustment("okr-nps", new Dictionary<string, double> { ["tickets"] = 80 }, "support team halved", "vp-cx"));
        await studio.Portfolio.ReportMetricSample(new MetricSample("nps-1", "customer-satisfaction", 45, "survey-october"));
        await studio.Portfolio.ReportMetricSample(new MetricSample("nps-2", "customer-satisfaction", 55, "survey-november"));
        await studio.Portfolio.ReportMetricSample(new MetricSample("sat-1", "stakeholder-satisfaction", 4.2, "exec-survey"));

        // Work completes: rel-a on 11-17, debt-1 on 11-22, exp-1 on 11-29, rel-b on 12-17; rel-c is late.
        Day(1); await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion("rel-a", "q-shipper"));
        Day(5); await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion("debt-1", "q-shipper"));
        Day(7); await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion("exp-1", "q-llm"));
        Day(18); await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion("rel-b", "q-shipper"));
        await studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("u-2", "okr-conv", "conv", 2.9));
        await studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("u-3", "okr-nps", "nps", 52));
        await studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("u-4", "okr-nps", "tickets", 90));

        // 2026-12-25, week 52: alpha, beta, delta green; gamma red (rel-c late).
        Day(8);
        foreach (var project in new[] { "alpha", "beta", "delta" }) await Status(studio.Portfolio, project, ProjectStatus.Green, "done");
        await Status(studio.Portfolio, "gamma", ProjectStatus.Red, "rel-c slipped behind exp-2");
        await studio.Portfolio.RunHealthReview();
        var metrics = (await studio.Portfolio.GetMetrics()).Metrics.ToDictionary(m => m.Key);

        // OKRs: conv (2.0 → 3.0, now 2.9) = 0.9; okr-nps: nps (40 → 50, now 52) = 1.0, tickets (100 → 80, now 90) = 0.5 → 0.75.
        // Both ≥ 0.7: achievement 2/2.
        Assert.Equal(1.0, metrics["okr-achievement"].Value);
        Assert.Equal(MetricStanding.OnTarget, metrics["okr-achievement"].Standing);
        Assert.Equal(0.75, metrics["projects-on-track"].Value);                         // 3 of 4 green
        Assert.Equal(MetricStanding.OffTarget, metrics["projects-on-track"].Standing);   // target 85 %
        Assert.Equal(1.0, metrics["strategic-initiative-progress"].Value);              // rel-a and rel-b done, 97 % of the time gone
        Assert.Equal(7 + 361.0 / 1440, metrics["risk-resolution-time"].Value!.Value, 6); // risk-1: 7 days 6 h 1 min
        Assert.Equal(3.0 / 7, metrics["blocker-escalation-rate"].Value!.Value, 6);       // 3 escalated, 4 cleared by agents
        Assert.Equal(0.5, metrics["handoff-success"].Value);                            // h-1 accepted, h-2 rejected
        Assert.Equal(1.0, metrics["decision-velocity"].Value!.Value, 6);                 // one decision, one day after its escalation
        Assert.Equal(2, metrics["feature-delivery-rate"].Value);                        // rel-a and rel-b
        Assert.Equal(0.25, metrics["technical-debt-ratio"].Value);                      // debt-1 of 4 completed
        Assert.Equal(MetricStanding.OffTarget, metrics["technical-debt-ratio"].Standing);
        Assert.Equal((55, 45, MetricTrend.Up, MetricStanding.OnTarget),
            (metrics["customer-satisfaction"].Value, metrics["customer-satisfaction"].Previous, metrics["customer-satisfaction"].Trend, metrics["customer-satisfaction"].Standing));
        Assert.Equal(MetricStanding.NoData, metrics["meeting-efficiency"].Standing);
        // Utilisation: q-shipper holds rel-c (1 of 6), q-tracker nothing (0 of 4), q-llm exp-2 (1 of 2): 1/6, 0, 1/2 → mean 2/9;
        // deviations −1/18, −2/9, 5/18 → population variance 7/162, standard deviation 0.2079, CV 0.9354.
        Assert.Equal(2.0 / 9, metrics["agent-utilization"].Value!.Value, 6);
        Assert.Equal(0.9354, metrics["agent-load-evenness"].Value!.Value, 3);
        Assert.Equal(MetricTrend.Down, metrics["projects-on-track"].Trend);              // 100 % at the previous review

        // The reports.
        var briefing = await studio.Portfolio.GetBriefing(14);
        var portfolio = MarkdownRenderer.Render(StudioReports.PortfolioStatus(briefing));
        Assert.Contains("| GAMMA (gamma) | red | worsening | esc-5 strategic conflict responded in time |", portfolio); // green in W41
        Assert.Contains("| BETA (beta) | green | steady | none |", portfolio);                                         // green again since W43
        Assert.Contains("| ALPHA (alpha) | green | steady | esc-4 stakeholder request responded in time |", portfolio);
        Assert.Equal(StudioReports.WeeklySyncSections, StudioReports.WeeklyAgentSync(briefing).Sections.Select(s => s.Heading));
        Assert.Equal(StudioReports.StakeholderUpdateSections, StudioReports.StakeholderUpdate(briefing).Sections.Select(s => s.Heading));
        var stakeholder = MarkdownRenderer.Render(StudioReports.StakeholderUpdate(briefing));
        Assert.Contains("## 1. Progress against OKRs (15 min)", stakeholder);
        Assert.Contains("- okr-conv Grow conversion: 90 %", stakeholder);
        Assert.Contains("- Done: release rel-b (beta)", stakeholder);
        Assert.Contains("| launch | ALPHA | 2027-01-03 |", stakeholder);                 // due within two weeks
        Assert.Contains("| Team Velocity Trend |", portfolio);
        var sync = MarkdownRenderer.Render(StudioReports.WeeklyAgentSync(briefing));
        Assert.Contains("| q-shipper | project-shipper | 1/6 (17 %) |", sync);
        Assert.Contains("| rel-c | q-shipper |", sync);                                 // the cross-agent dependency

        // End of quarter: the retrospective scores each objective; the escalations of the quarter are all resolved.
        Day(7);
        var retro = await studio.Portfolio.CloseQuarter(new QuarterClose("2026-Q4", ["Conflicts decided within a day"], ["Write requirements before sprint start"]));
        Assert.Equal(1.0, retro.Achievement);
        Assert.Equal([0.9, 0.75], retro.Objectives.Select(o => Math.Round(o.Outcome!.Score, 2)));
        Assert.Equivalent(retro, await studio.Portfolio.CloseQuarter(new QuarterClose("2026-Q4", [], [])), strict: true); // closing again returns it
        Assert.All((await studio.Escalations.GetEscalations()).Where(e => e.Class == EscalationClass.AgentBlocker), e => Assert.Equal(EscalationStatus.Resolved, e.Status));
        Assert.Contains((await studio.Escalations.GetEscalations()), e => e.Class == EscalationClass.StrategicConflict && e.DecidedAt is not null);
    }

    private static async Task Status(IPortfolioGrain portfolio, string project, ProjectStatus status, string reason)
    {
        var owner = project is "gamma" ? "q-tracker" : "q-shipper";
        await portfolio.ReportProjectStatus(new StatusReport($"{project}-{Guid.NewGuid():N}", project, owner, status, reason));
    }
}
