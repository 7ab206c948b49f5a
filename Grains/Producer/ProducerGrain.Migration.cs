using Microsoft.Extensions.Logging;
using Orchestration.Grains.Common;
using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Handoffs;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Portfolio;

namespace Orchestration.Grains.Producer;

/// <summary>Loading a studio stored by an earlier layout into today's, once, on its first activation.</summary>
public sealed partial class ProducerGrain
{
    /// <summary>
    /// A studio stored by an earlier layout, once: the first release kept its last 1,000 resolved reports, settled
    /// handoffs and resolved escalations in this state. They are filed in their own grains (and counted into the
    /// running figures the metrics use), and only the views of the recent past stay here.
    /// </summary>
    private async Task MigrateLayout()
    {
        if (State.LayoutVersion < 8) MoveOpenRecordsToPages(); // first: the earlier steps work on the open indexes
        if (State.LayoutVersion < 5) MigrateFirstRelease();
        if (State.LayoutVersion < 6) MigrateToActiveGraph();
        // Layouts 5 and 6 filed each closed record in a grain of its own, which the record index does not know.
        if (State.LayoutVersion is 5 or 6) State.Records.LegacyRecordGrains = true;
        State.LayoutVersion = ProducerState.CurrentLayout;
        await _writes.WriteAsync();
        LogMigrated(StudioId, State.Pending.Filings.Count);
    }

    /// <summary>Layouts before 8 kept the open reports and escalations in this state: they move to their pages (the
    /// migration's write files them).</summary>
    private void MoveOpenRecordsToPages()
    {
        foreach (var report in State.LegacyOpenReports.Values) State.OpenReports[report.ReportId] = report;
        foreach (var escalation in State.LegacyEscalations.Values) State.Escalations[escalation.EscalationId] = escalation;
        State.LegacyOpenReports.Clear();
        State.LegacyEscalations.Clear();
    }

    private void MigrateFirstRelease()
    {
        // The first release kept every agent in this state: they move to the directory's pages, in the order they joined.
        foreach (var agent in State.LegacyAgents.Values.OrderBy(a => a.RegisteredAt).ThenBy(a => a.AgentId, StringComparer.Ordinal))
        {
            State.Agents[agent.AgentId] = agent;
            FileAgent(agent, State.Pending.Filings);
        }

        State.LegacyAgents.Clear();

        foreach (var report in State.LegacyResolvedReports)
        {
            CountResolvedRisk(report);
            State.Pending.Filings.Add(new Filing(RecordKeys.Report(report.ReportId), report));
        }

        State.LegacyResolvedReports.Clear();

        var settled = State.Handoffs.Values.Where(h => h.Status != HandoffStatus.Offered).OrderBy(h => h.SettledAt).ToList();
        State.HandoffOutcomes = new HandoffTally(settled.Count(h => h.Status == HandoffStatus.Accepted), settled.Count(h => h.Status == HandoffStatus.Rejected));
        foreach (var handoff in settled) State.Pending.Filings.Add(new Filing(RecordKeys.Handoff(handoff.Offer.HandoffId), handoff));
        foreach (var old in settled.SkipLast(IHandoffBook.SettledHandoffsKept)) State.Handoffs.Remove(old.Offer.HandoffId);

        var resolved = State.Escalations.Values.Where(e => e.Status == EscalationStatus.Resolved).OrderBy(e => e.ResolvedAt).ToList();
        foreach (var escalation in resolved) State.Pending.Filings.AddRange(EscalationWorkflow.FilingsOf(escalation));
        foreach (var old in resolved.SkipLast(IEscalationBook.ResolvedEscalationsKept)) State.Escalations.Remove(old.EscalationId);

        foreach (var work in State.LegacyCompletedWork) State.Completed.TryAdd(work.ItemId, work);
        State.LegacyCompletedWork.Clear();
        State.SelfResolvedCount = Math.Max(State.SelfResolvedCount, State.SelfResolvedIssues.Count);
        foreach (var issue in State.SelfResolvedIssues) State.Pending.Filings.Add(new Filing(RecordKeys.Issue(issue.IssueId), issue));
        Trim(State.SelfResolvedIssues, ProducerState.RecentIssuesKept);

        foreach (var sample in State.MetricSamples)
        {
            AddToSeries(sample);
            State.Pending.Filings.Add(new Filing(RecordKeys.Sample(sample.Sample.SampleId), sample));
        }

        foreach (var updateId in State.ProcessedUpdateIds) State.Pending.Filings.Add(new Filing(RecordKeys.KeyResultUpdate(updateId), updateId));
        foreach (var project in State.Projects.Values.ToList())
        {
            foreach (var reportId in project.ProcessedReportIds) State.Pending.Filings.Add(new Filing(RecordKeys.Status(project.ProjectId, reportId), reportId));
            State.Projects[project.ProjectId] = project with { ProcessedReportIds = [.. project.ProcessedReportIds.TakeLast(ProjectRules.ProcessedReportsKept)] };
        }

        Trim(State.MetricSamples, ProducerState.RecentIdsKept);
        Trim(State.ProcessedUpdateIds, ProducerState.RecentIdsKept);
    }

    /// <summary>Layout 5 kept its last 1,000 closed conflicts and every completion: they are filed and counted, and
    /// finished work nothing active names leaves the graph.</summary>
    private void MigrateToActiveGraph()
    {
        var decided = State.Conflicts.Values.Select(c => c.Decision).OfType<Decision>().ToList();
        State.DecisionVelocityDays = new RunningMean(decided.Count, decided.Sum(d => d.Velocity.TotalDays));
        var closed = State.Conflicts.Values.Where(c => !ConflictWorkflow.IsActive(c))
            .OrderBy(c => c.RaisedAt).ThenBy(c => c.ConflictId, StringComparer.Ordinal).ToList();
        foreach (var conflict in closed)
        {
            State.Conflicts.Remove(conflict.ConflictId);
            State.Pending.Filings.Add(new Filing(RecordKeys.Conflict(conflict.ConflictId), conflict));
        }

        State.RecentlyClosed = [.. closed.TakeLast(IConflictBook.RecentlyClosedKept)];
        foreach (var work in State.Completed.Values.OrderBy(w => w.CompletedAt))
        {
            State.Completions.Add(work);
            State.Pending.Filings.Add(new Filing(RecordKeys.Completion(work.ItemId), work));
        }

        LeaveFinishedWork();
    }

    private static void Trim<T>(List<T> list, int keep)
    {
        if (list.Count > keep) list.RemoveRange(0, list.Count - keep);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Studio {StudioId} stored by an earlier layout: {Records} closed record(s) filed in their own grains")]
    private partial void LogMigrated(string studioId, int records);
}
