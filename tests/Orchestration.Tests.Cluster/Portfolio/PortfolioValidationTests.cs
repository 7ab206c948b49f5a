using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Portfolio;

/// <summary>Bad input to the portfolio, through the Orleans client: refused by field and reason, nothing changes.</summary>
[Collection(ClusterCollection.Name)]
public class PortfolioValidationTests(ClusterFixture fixture)
{
    private sealed record Setup(StudioClient Studio, string AgentId);

    private sealed record View(IReadOnlyList<Project> Projects, IReadOnlyList<Escalation> Escalations, IReadOnlyList<Objective> Objectives,
        IReadOnlyList<ReportRecord> Reports, long Events);

    private static readonly Dictionary<string, (string Field, string Reason, Func<Setup, Task> Send)> Cases = new()
    {
        ["a status that is not a status"] = ("report.status", "is not one of Green, Yellow, Red",
            s => s.Studio.Portfolio.ReportProjectStatus(new StatusReport("s-1", "checkout", s.AgentId, (ProjectStatus)9, "??"))),
        ["a status for an unknown project"] = ("report.projectId", "no project 'nowhere'",
            s => s.Studio.Portfolio.ReportProjectStatus(new StatusReport("s-2", "nowhere", s.AgentId, ProjectStatus.Red, "late"))),
        ["a status from an agent that does not own the project"] = ("report.agentId", "does not own project 'checkout'",
            s => s.Studio.Portfolio.ReportProjectStatus(new StatusReport("s-3", "checkout", "someone-else", ProjectStatus.Red, "late"))),
        ["a project owned by an unregistered agent"] = ("project.ownerAgentIds[0]", "is not registered",
            s => s.Studio.Portfolio.DeclareProject(new ProjectDeclaration("billing", "Billing", ["ghost"], []))),
        ["a key result whose target equals its baseline"] = ("objective.keyResults[0].target", "equals the baseline (5)",
            s => s.Studio.Portfolio.SetObjective(new Objective("okr-2", "2026-Q4", "Flat", [new KeyResult("kr", "Flat", 5, 5, 5, "%")]))),
        ["an objective set again with other content"] = ("objective.objectiveId", "is already set",
            s => s.Studio.Portfolio.SetObjective(new Objective("okr-1", "2026-Q4", "Something else", [new KeyResult("kr", "X", 1, 2, 1, "%")]))),
        ["an update of an unknown key result"] = ("update.keyResultId", "no key result 'nope'",
            s => s.Studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("u-9", "okr-1", "nope", 3))),
        ["a risk due in year 9999"] = ("report.due", "dates run from 2000-01-01 to 2199-12-31",
            s => s.Studio.ReportRiskAsync(Samples.Risk(s.AgentId) with { Due = DateOnly.MaxValue })),
        ["a risk likelihood outside its range"] = ("report.likelihood", "must be between 0 and 1",
            s => s.Studio.ReportRiskAsync(Samples.Risk(s.AgentId) with { Likelihood = -0.2 })),
        ["a stakeholder request on an unknown project"] = ("request.projectId", "no project 'nowhere'",
            s => s.Studio.Escalations.RaiseStakeholderRequest(new StakeholderRequest("req-9", "cfo", "numbers", "nowhere"))),
        ["resolving a blocker's escalation directly"] = ("request.escalationId", "it resolves with its report",
            async s => await s.Studio.Escalations.ResolveEscalation(new EscalationResolution((await s.Studio.Escalations.GetEscalations()).Single(e => e.Class == EscalationClass.AgentBlocker).EscalationId, "pm", "done"))),
        ["a sample for a computed metric"] = ("sample.metric", "'projects-on-track' is not a reported metric",
            s => s.Studio.Portfolio.ReportMetricSample(new MetricSample("m-1", "projects-on-track", 1, "me"))),
        ["closing a quarter with no objective"] = ("close.quarter", "no objective was set for 2025-Q1",
            s => s.Studio.Portfolio.CloseQuarter(new QuarterClose("2025-Q1", [], []))),
        ["an objective that writes its own audit trail"] = ("objective.adjustments", "is written by the studio",
            s => s.Studio.Portfolio.SetObjective(new Objective("okr-3", "2026-Q4", "Self-adjusted", [new KeyResult("kr", "X", 1, 2, 1, "%")], ["2026-01-01 by me: kr → 2"]))),
        ["a key result unit of 100 KB"] = ("objective.keyResults[0].unit", "at most 200 are allowed",
            s => s.Studio.Portfolio.SetObjective(new Objective("okr-4", "2026-Q4", "Units", [new KeyResult("kr", "X", 1, 2, 1, new string('u', 100_000))]))),
        ["an issue logged by no agent"] = ("issue.agentId", "is required",
            s => s.Studio.Portfolio.LogResolvedIssue(new ResolvedIssue("i-2", null!, "checkout", "ci", "flaky", "re-ran"))),
        ["a work item of a category that does not exist"] = ("item.category", "is not one of Feature, TechnicalDebt",
            s => s.Studio.WorkGraph.DeclareWorkItem(new WorkItem("w-1", WorkItemKind.Release, s.AgentId, "checkout", "W", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 9), [],
                Category: (WorkCategory)7), "planned")),
        ["a key-result update that is not a number"] = ("update.current", "is not a number",
            s => s.Studio.Portfolio.UpdateKeyResult(new KeyResultUpdate("u-nan", "okr-1", "kr", double.NaN))),
        ["an issue logged on an unknown project"] = ("issue.projectId", "no project 'nowhere'",
            s => s.Studio.Portfolio.LogResolvedIssue(new ResolvedIssue("i-1", s.AgentId, "nowhere", "ci", "flaky", "re-ran"))),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_by_field_and_reason_and_changes_nothing(string name)
    {
        var (field, reason, send) = Cases[name];
        var setup = await Populated();
        var before = await ReadView(setup.Studio);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => send(setup));

        Assert.Equal(field, refused.Field);
        Assert.Contains(reason, refused.Reason);
        Assert.Equivalent(before, await ReadView(setup.Studio), strict: true);
    }

    private static async Task<View> ReadView(StudioClient studio) => new(
        await studio.Portfolio.GetProjects(), await studio.Escalations.GetEscalations(), await studio.Portfolio.GetObjectives(),
        await studio.GetOpenReportsAsync(), (await studio.GetOverviewAsync()).EventsPublished);

    private async Task<Setup> Populated()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Release bot", 2);
        await studio.Portfolio.DeclareProject(new ProjectDeclaration("checkout", "Checkout", [agentId], [new Milestone("beta", fixture.Today.AddDays(10))]));
        await studio.Portfolio.ReportProjectStatus(new StatusReport("s-0", "checkout", agentId, ProjectStatus.Yellow, "tight"));
        await studio.Portfolio.SetObjective(new Objective("okr-1", "2026-Q4", "Grow", [new KeyResult("kr", "Conversion", 2, 3, 2.2, "%")]));
        await studio.ReportBlockerAsync(Samples.Blocker(agentId));
        return new Setup(studio, agentId);
    }
}
