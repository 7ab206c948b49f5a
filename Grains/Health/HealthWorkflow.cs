using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Metrics;
using Orchestration.Grains.Portfolio;

namespace Orchestration.Grains.Health;

/// <summary>
/// The health review (seed: Project Health Monitoring and Workflow 4). Each project is reviewed on its cadence —
/// weekly, or daily while an intervention runs. Red at <see cref="PortfolioOptions.RedReviewsBeforeIntervention"/>
/// reviews running starts an intervention; green at <see cref="PortfolioOptions.GreenReviewsToRecover"/> reviews
/// running ends it. Blocker categories shared by several projects are flagged once as systemic. Each review that
/// looks at anything also records the metrics, which is what their trends compare against.
/// </summary>
public sealed class HealthWorkflow(IHealthBook state, StudioChanges changes, PortfolioOptions options)
{
    private DateTimeOffset Now => changes.Now;

    public HealthReviewResult Review()
    {
        var reviewed = new List<string>();
        var started = new List<string>();
        var recovered = new List<string>();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var openBlockers = state.OpenReports.Values.Where(r => r.Kind == ReportKind.Blocker).ToList();
        var utilization = Utilization.ByAgent(state);

        foreach (var project in state.Projects.Values.Where(Due).OrderBy(p => p.ProjectId, StringComparer.Ordinal).ToList())
        {
            reviewed.Add(project.ProjectId);
            var red = project.Status == ProjectStatus.Red;
            var next = project with { LastReviewAt = Now, ConsecutiveRedReviews = red ? project.ConsecutiveRedReviews + 1 : 0 };

            if (next.Intervention is { } running)
            {
                var greens = project.Status == ProjectStatus.Green ? running.GreenReviews + 1 : 0;
                if (greens >= options.GreenReviewsToRecover)
                {
                    var ended = running with { GreenReviews = greens, RecoveredAt = Now };
                    next = next with { Intervention = null, PastInterventions = [.. next.PastInterventions, ended], Cadence = ReviewCadence.Weekly };
                    recovered.Add(project.ProjectId);
                    Announce(next, ended, $"{project.Name} recovered after {greens} green reviews: back to the weekly review");
                }
                else
                {
                    next = next with { Intervention = running with { GreenReviews = greens } };
                }
            }
            else if (next.ConsecutiveRedReviews >= options.RedReviewsBeforeIntervention)
            {
                var load = project.OwnerAgentIds.Select(a => utilization.GetValueOrDefault(a)).DefaultIfEmpty(0).Max();
                var (kind, diagnosis, plan) = InterventionPolicy.Choose(project, [.. openBlockers.Where(b => b.ProjectId == project.ProjectId)], load, today, options.OverloadedUtilization);
                var intervention = new Intervention($"intervention-{project.ProjectId}-{project.PastInterventions.Count + 1}", kind, diagnosis, plan, Now);
                next = next with { Intervention = intervention, Cadence = ReviewCadence.Daily };
                started.Add(project.ProjectId);
                Announce(next, intervention, $"{project.Name}: {kind} — {plan}");
            }

            state.Projects[project.ProjectId] = next;
        }

        var flagged = FlagSystemicIssues(openBlockers);
        if (reviewed.Count > 0 || flagged.Count > 0)
        {
            state.LastReviewAt = Now;
            state.MetricHistory.Add(MetricsCalculator.Compute(state, Now, options));
            if (state.MetricHistory.Count > IMetricsBook.MetricHistoryKept) state.MetricHistory.RemoveAt(0);
        }

        var undeclared = ProjectRules.Undeclared(state.Projects, state.OpenReports.Values, state.WorkItems.Values, state.Completed);
        var result = new HealthReviewResult(Now, reviewed, started, recovered, flagged, undeclared);
        if (reviewed.Count > 0 || flagged.Count > 0)
            changes.Event(seq => new HealthReviewed(changes.StudioId, seq, Now,
                $"Health review: {reviewed.Count} project(s) reviewed, {started.Count} intervention(s) started, {recovered.Count} recovered, {flagged.Count} systemic issue(s) flagged"
                + (undeclared.Count > 0 ? $"; undeclared projects named by open work: {string.Join(", ", undeclared)}" : ""),
                result));
        return result;
    }

    private bool Due(Project project)
    {
        var period = project.Cadence == ReviewCadence.Daily ? options.CheckInPeriod : options.ReviewPeriod;
        // A reminder may tick a little early; a minute of slack keeps "one review per period" exact.
        return project.LastReviewAt is not { } last || Now - last >= period - TimeSpan.FromMinutes(1);
    }

    private List<string> FlagSystemicIssues(IReadOnlyList<ReportRecord> openBlockers)
    {
        var current = SystemicIssues.Find(openBlockers, options.SystemicProjectThreshold);
        var flagged = new List<string>();
        for (var i = 0; i < state.SystemicIssues.Count; i++)
            if (state.SystemicIssues[i].ClearedAt is null && !current.ContainsKey(state.SystemicIssues[i].Category))
                state.SystemicIssues[i] = state.SystemicIssues[i] with { ClearedAt = Now };

        foreach (var (category, projects) in current)
        {
            if (state.SystemicIssues.Any(s => s.Category == category && s.ClearedAt is null)) continue; // flagged once while it lasts
            var issue = new SystemicIssue(category, projects, Now);
            state.SystemicIssues.Add(issue);
            flagged.Add(category);
            changes.Event(seq => new SystemicIssueFlagged(changes.StudioId, seq, Now,
                $"Systemic issue: '{category}' blocks {projects.Count} projects ({string.Join(", ", projects)})", issue));
        }

        return flagged;
    }

    private void Announce(Project project, Intervention intervention, string summary)
    {
        changes.Event(seq => new InterventionChanged(changes.StudioId, seq, Now, summary, project.ProjectId, intervention));
        foreach (var owner in project.OwnerAgentIds)
            changes.Send(new InterventionDirective($"{intervention.InterventionId}:{(intervention.RecoveredAt is null ? "start" : "end")}:{owner}",
                changes.StudioId, owner, Now, summary, project.ProjectId, intervention, project.Cadence));
    }
}
