using Orchestration.Grains.Common;
using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Health;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Metrics;
using Orchestration.Grains.Okrs;
using Orchestration.Grains.Portfolio;

namespace Orchestration.Grains.Producer;

/// <summary>The Producer's portfolio capability: projects and their health, escalations, OKRs, initiatives, metrics.</summary>
public sealed partial class ProducerGrain
{
    private PortfolioOptions Portfolio => portfolioOptions.Value;

    public Task<Project> DeclareProject(ProjectDeclaration project) => Change(changes =>
    {
        var existing = project?.ProjectId is { } id ? State.Projects.GetValueOrDefault(id) : null;
        if (existing is null)
            StudioLimits.Room(State.Projects.Count, Allowed.MaxProjects, nameof(Allowed.MaxProjects), "project.projectId", StudioId, "projects", "raise the limit to declare more");
        var declared = ProjectRules.Declare(project, existing, State.Agents, State.Initiatives, changes.Now);
        State.Projects[declared.ProjectId] = declared;
        changes.Event(seq => new ProjectDeclared(StudioId, seq, changes.Now,
            $"Project {declared.ProjectId} ({declared.Name}) {(existing is null ? "declared" : "updated")}, owned by {string.Join(", ", declared.OwnerAgentIds)}",
            declared.ProjectId, declared.Name, project));
        return declared;
    });

    public async Task<Project> ReportProjectStatus(StatusReport report)
    {
        var applied = Require.IsId(report?.ProjectId) && Require.IsId(report!.ReportId) && State.Projects.TryGetValue(report.ProjectId, out var known)
                      && !known.ProcessedReportIds.Contains(report.ReportId)
            && await Filed<string>(RecordKeys.Status(report.ProjectId, report.ReportId)) is not null;
        return await Change(changes => Report(report, applied, changes));
    }

    private Project Report(StatusReport? report, bool applied, StudioChanges changes)
    {
        report = Require.Present(report, "report");
        var project = ProjectOf(report.ProjectId, "report.projectId");
        if (applied || project.ProcessedReportIds.Contains(report.ReportId ?? "")) return project; // a retry
        var updated = ProjectRules.Report(project, report, changes.Now);
        State.Projects[project.ProjectId] = updated;
        changes.File(RecordKeys.Status(project.ProjectId, report.ReportId!), report.ReportId!);
        changes.Event(seq => new ProjectStatusReported(StudioId, seq, changes.Now,
            $"{project.ProjectId} is {updated.Status} ({report.AgentId}): {updated.StatusReason}", project.ProjectId, updated.Status, updated.StatusReason, report.AgentId));
        return updated;
    }

    public Task<HealthReviewResult> RunHealthReview() =>
        Change(changes => new HealthWorkflow(State, changes, Portfolio).Review());

    public async Task LogResolvedIssue(ResolvedIssue issue)
    {
        var filed = Require.IsId(issue?.IssueId) && State.SelfResolvedIssues.All(i => i.IssueId != issue!.IssueId)
            ? await Filed<ResolvedIssue>(RecordKeys.Issue(issue!.IssueId))
            : null;
        await Change(changes => Log(issue, filed, changes));
    }

    private int Log(ResolvedIssue? issue, ResolvedIssue? filed, StudioChanges changes)
    {
        issue = Require.Present(issue, "issue");
        var id = Require.Id(issue.IssueId, "issue.issueId");
        RequireRegistered(issue.AgentId, "issue.agentId");
        ProjectOf(issue.ProjectId, "issue.projectId");
        Require.Label(issue.Category, "issue.category");
        Require.Text(issue.Summary, "issue.summary");
        Require.Text(issue.Resolution, "issue.resolution");
        if (filed is not null || State.SelfResolvedIssues.Any(i => i.IssueId == id)) return 0; // a retry
        BoundedLog.Append(State.SelfResolvedIssues, issue, ProducerState.RecentIssuesKept);
        State.SelfResolvedCount++;
        changes.File(RecordKeys.Issue(id), issue);
        changes.Event(seq => new IssueSelfResolved(StudioId, seq, changes.Now, $"{issue.AgentId} cleared {issue.Category} issue {id} itself: {issue.Resolution}", issue));
        return 0;
    }

    public async Task<Escalation> RaiseStakeholderRequest(StakeholderRequest request)
    {
        var filed = Require.IsId(request?.RequestId) ? await Filed<Escalation>(RecordKeys.Request(request!.RequestId)) : null;
        return await Change(changes =>
        {
            request = Require.Present(request, "request");
            var id = Require.Id(request.RequestId, "request.requestId");
            var stakeholder = Require.Label(request.Stakeholder, "request.stakeholder");
            var summary = Require.Text(request.Summary, "request.summary");
            if (request.ProjectId is { } project) ProjectOf(project, "request.projectId");
            if ((State.Escalations.Values.FirstOrDefault(e => e.SourceId == id && e.Class == EscalationClass.StakeholderRequest) ?? filed) is { } existing) return existing;
            return Escalations(changes).Raise(EscalationClass.StakeholderRequest, id, request.ProjectId, summary, stakeholder);
        });
    }

    public async Task<Escalation> AcknowledgeEscalation(EscalationAcknowledgement request)
    {
        var filed = await FiledEscalation(request?.EscalationId);
        return await Change(changes => Escalations(changes).Acknowledge(request, filed));
    }

    public async Task<Escalation> ResolveEscalation(EscalationResolution request)
    {
        var filed = await FiledEscalation(request?.EscalationId);
        return await Change(changes => Escalations(changes).Resolve(request, filed));
    }

    /// <summary>An escalation that was resolved and left the index, by its id.</summary>
    private Task<Escalation?> FiledEscalation(string? escalationId) =>
        !Require.IsId(escalationId) || State.Escalations.ContainsKey(escalationId!) ? Task.FromResult<Escalation?>(null)
        : Filed<Escalation>(RecordKeys.Escalation(escalationId!));

    public Task<IReadOnlyList<Escalation>> CheckEscalationSlas() =>
        Change(changes => Escalations(changes).CheckSlas());

    /// <summary>An SLA timer says its minute has come: check every SLA now. What is late is breached or stepped up,
    /// which moves it to a later minute; then a minute nothing waits on any more (answered meanwhile, or just moved
    /// on) is stopped.</summary>
    Task IEscalationClock.Due(DateTimeOffset at) => Change(changes =>
    {
        var changed = Escalations(changes).CheckSlas();
        SetSlaTimers(changes);
        if (_slaTimers.Came(at) is { } stop) changes.Filings.Add(stop.AsFiling());
        return changed;
    });

    public Task<Objective> SetObjective(Objective objective) => Change(changes =>
    {
        var validated = OkrRules.Validate(objective);
        if (State.Objectives.TryGetValue(validated.ObjectiveId, out var existing))
        {
            if (existing.Quarter == validated.Quarter && existing.Title == validated.Title && existing.KeyResults.SequenceEqual(validated.KeyResults)) return existing;
            throw new InvalidRequestException("objective.objectiveId", $"'{validated.ObjectiveId}' is already set: update key results or adjust it instead");
        }

        StudioLimits.Room(State.Objectives.Count, Allowed.MaxObjectives, nameof(Allowed.MaxObjectives), "objective.objectiveId", StudioId, "objectives", "raise the limit to set more");

        State.Objectives[validated.ObjectiveId] = validated;
        changes.Event(seq => new ObjectiveChanged(StudioId, seq, changes.Now, $"Objective {validated.ObjectiveId} for {validated.Quarter}: {validated.Title}", validated));
        return validated;
    });

    public async Task<Objective> UpdateKeyResult(KeyResultUpdate update)
    {
        var applied = Require.IsId(update?.UpdateId) && !State.ProcessedUpdateIds.Contains(update!.UpdateId)
            && await Filed<string>(RecordKeys.KeyResultUpdate(update.UpdateId)) is not null;
        return await Change(changes => Update(update, applied, changes));
    }

    private Objective Update(KeyResultUpdate? update, bool applied, StudioChanges changes)
    {
        update = Require.Present(update, "update");
        var updateId = Require.Id(update.UpdateId, "update.updateId");
        var objective = ObjectiveOf(update.ObjectiveId, "update.objectiveId");
        if (applied || State.ProcessedUpdateIds.Contains(updateId)) return objective; // a retry
        var updated = OkrRules.Update(objective, update);
        State.Objectives[objective.ObjectiveId] = updated;
        BoundedLog.Append(State.ProcessedUpdateIds, updateId, ProducerState.RecentIdsKept);
        changes.File(RecordKeys.KeyResultUpdate(updateId), updateId);
        changes.Event(seq => new ObjectiveChanged(StudioId, seq, changes.Now,
            $"{objective.ObjectiveId}/{update.KeyResultId} is now {update.Current} (objective score {OkrRules.Score(updated):P0})", updated));
        return updated;
    }

    public Task<Objective> AdjustObjective(ObjectiveAdjustment adjustment) => Change(changes =>
    {
        adjustment = Require.Present(adjustment, "adjustment");
        var adjusted = OkrRules.Adjust(ObjectiveOf(adjustment.ObjectiveId, "adjustment.objectiveId"), adjustment, changes.Now);
        State.Objectives[adjusted.ObjectiveId] = adjusted;
        changes.Event(seq => new ObjectiveChanged(StudioId, seq, changes.Now, $"Objective {adjusted.ObjectiveId} adjusted: {adjusted.Adjustments![^1]}", adjusted));
        return adjusted;
    });

    public Task<Retrospective> CloseQuarter(QuarterClose close) => Change(changes =>
    {
        close = Require.Present(close, "close");
        var quarter = Require.Label(close.Quarter, "close.quarter");
        if (State.Retrospectives.FirstOrDefault(r => r.Quarter == quarter) is { } done) return done;
        var objectives = State.Objectives.Values.Where(o => o.Quarter == quarter).OrderBy(o => o.ObjectiveId, StringComparer.Ordinal).ToList();
        if (objectives.Count == 0) throw new InvalidRequestException("close.quarter", $"no objective was set for {quarter}");
        var closed = objectives.Select(o =>
        {
            var score = OkrRules.Score(o);
            return o with { Outcome = new ObjectiveOutcome(Math.Round(score, 4), score >= Portfolio.ObjectiveMetScore, changes.Now) };
        }).ToList();
        foreach (var o in closed) State.Objectives[o.ObjectiveId] = o;
        var retrospective = new Retrospective(quarter, closed, (double)closed.Count(o => o.Outcome!.Met) / closed.Count,
            [.. Require.Labels(close.WentWell, "close.wentWell")], [.. Require.Labels(close.ToChange, "close.toChange")], changes.Now);
        State.Retrospectives.Add(retrospective);
        changes.Event(seq => new QuarterClosed(StudioId, seq, changes.Now,
            $"{quarter} closed: {closed.Count(o => o.Outcome!.Met)} of {closed.Count} objectives met ({retrospective.Achievement:P0})", retrospective));
        return retrospective;
    });

    public Task<Initiative> DeclareInitiative(Initiative initiative) => Change(changes =>
    {
        var validated = OkrRules.Validate(initiative, State.Objectives, State.WorkItems.Keys);
        if (!State.Initiatives.ContainsKey(validated.InitiativeId))
            StudioLimits.Room(State.Initiatives.Count, Allowed.MaxInitiatives, nameof(Allowed.MaxInitiatives), "initiative.initiativeId", StudioId, "initiatives", "raise the limit to declare more");
        State.Initiatives[validated.InitiativeId] = validated;
        changes.Event(seq => new InitiativeDeclared(StudioId, seq, changes.Now,
            $"Initiative {validated.InitiativeId}: {validated.Goal} ({validated.Start:yyyy-MM-dd} – {validated.End:yyyy-MM-dd}, {validated.WorkItemIds.Count} work items)", validated));
        return validated;
    });

    public async Task ReportMetricSample(MetricSample sample)
    {
        var filed = Require.IsId(sample?.SampleId) && State.MetricSamples.All(s => s.Sample.SampleId != sample!.SampleId)
            ? await Filed<MetricSampleRecord>(RecordKeys.Sample(sample!.SampleId))
            : null;
        await Change(changes => Sample(sample, filed, changes));
    }

    private int Sample(MetricSample? sample, MetricSampleRecord? filed, StudioChanges changes)
    {
        sample = Require.Present(sample, "sample");
        var id = Require.Id(sample.SampleId, "sample.sampleId");
        var definition = MetricCatalog.Find(sample.Metric ?? "");
        if (definition is null || definition.Source != MetricSource.Reported)
            throw new InvalidRequestException("sample.metric",
                $"'{sample.Metric}' is not a reported metric; reported metrics: {string.Join(", ", MetricCatalog.All.Where(m => m.Source == MetricSource.Reported).Select(m => m.Key))}");
        if (!double.IsFinite(sample.Value)) throw new InvalidRequestException("sample.value", "is not a number");
        Require.Label(sample.Source, "sample.source");
        if (filed is not null || State.MetricSamples.Any(s => s.Sample.SampleId == id)) return 0; // a retry
        var record = new MetricSampleRecord(sample, changes.Now);
        BoundedLog.Append(State.MetricSamples, record, ProducerState.RecentIdsKept);
        AddToSeries(record);
        changes.File(RecordKeys.Sample(id), record);
        changes.Event(seq => new MetricSampled(StudioId, seq, changes.Now, $"{definition.Name}: {sample.Value} ({sample.Source})", sample));
        return 0;
    }

    public Task<IReadOnlyList<Project>> GetProjects() =>
        Task.FromResult<IReadOnlyList<Project>>([.. State.Projects.Values.OrderBy(p => p.ProjectId, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<Escalation>> GetEscalations() =>
        Task.FromResult<IReadOnlyList<Escalation>>([.. State.Escalations.Values.OrderByDescending(e => e.RaisedAt).ThenByDescending(e => e.EscalationId, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<Objective>> GetObjectives() =>
        Task.FromResult<IReadOnlyList<Objective>>([.. State.Objectives.Values.OrderBy(o => o.Quarter).ThenBy(o => o.ObjectiveId, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<Initiative>> GetInitiatives() =>
        Task.FromResult<IReadOnlyList<Initiative>>([.. State.Initiatives.Values.OrderBy(i => i.InitiativeId, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<Retrospective>> GetRetrospectives() => Task.FromResult<IReadOnlyList<Retrospective>>([.. State.Retrospectives]);

    public Task<MetricsReport> GetMetrics() => Task.FromResult(MetricsCalculator.Compute(State, clock.GetUtcNow(), Portfolio));

    public async Task<StudioBriefing> GetBriefing(int periodDays)
    {
        Require.InRange(periodDays, 1, 92, "periodDays");
        var now = clock.GetUtcNow();
        var since = now.AddDays(-periodDays);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var openEscalations = State.Escalations.Values.Where(e => e.Status != EscalationStatus.Resolved).OrderBy(e => e.DueAt).ToList();
        var openReports = State.OpenReports.Values.ToList();
        var active = Utilization.ActiveItems(State);
        var utilization = Utilization.ByAgent(State, active);
        var agents = State.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal).Select(a => new AgentBrief(
            a.AgentId, a.Kind, a.DisplayName, a.Capacity, active.GetValueOrDefault(a.AgentId),
            Math.Round(utilization.GetValueOrDefault(a.AgentId), 4),
            openReports.Count(r => r.AgentId == a.AgentId && r.Kind == ReportKind.Blocker),
            [.. State.Projects.Values.Where(p => p.OwnerAgentIds.Contains(a.AgentId)).Select(p => p.ProjectId)])).ToList();
        // What happened in the period comes from the journal (read once): the state keeps only what is active.
        var period = await JournalSince<StudioEvent>(since);
        var recorded = period.OfType<DecisionRecorded>().ToList();
        var decisions = recorded.Select(d => d.Decision).ToList();
        var completed = period.OfType<WorkItemCompleted>().Select(c => c.Work).ToList();
        var raised = period.OfType<ConflictRaised>().Select(c => c.Conflict).Concat(State.Conflicts.Values).Concat(State.RecentlyClosed)
            .GroupBy(c => c.ConflictId).ToDictionary(g => g.Key, g => g.Last());
        string? ProjectOfDecision(Decision d) =>
            raised.GetValueOrDefault(d.ConflictId) is { } c
                ? State.WorkItems.GetValueOrDefault(c.ImpactedItemId)?.ProjectId ?? completed.FirstOrDefault(w => w.ItemId == c.ImpactedItemId)?.ProjectId
                : d.ActionItems.Select(a => State.WorkItems.GetValueOrDefault(a.ItemId)?.ProjectId).FirstOrDefault(p => p is not null);
        var projects = State.Projects.Values.OrderBy(p => p.ProjectId, StringComparer.Ordinal).Select(p => new ProjectBrief(
            p.ProjectId, p.Name, p.Status, ProjectRules.LastWeek(p, now), p.StatusReason, p.Cadence,
            [.. openEscalations.Where(e => e.ProjectId == p.ProjectId)],
            [.. decisions.Where(d => ProjectOfDecision(d) == p.ProjectId).Select(d => $"{d.DecisionId}: {d.ChosenOptionId}")])).ToList();
        var learnings = State.Handoffs.Values
            .Where(h => h.Offer.Kind == HandoffKind.PostLaunch && h.SettledAt >= since && h.Offer.Payload.ContainsKey("user-feedback"))
            .Select(h => $"{h.Offer.ItemId}: {h.Offer.Payload["user-feedback"]}")
            .Concat(State.Retrospectives.Where(r => r.ClosedAt >= since).SelectMany(r => r.WentWell.Select(w => $"{r.Quarter} went well: {w}").Concat(r.ToChange.Select(c => $"{r.Quarter} to change: {c}"))))
            .Concat(State.Projects.Values.SelectMany(p => p.PastInterventions.Where(i => i.RecoveredAt >= since).Select(i => $"{p.Name} recovered from {i.Kind}: {i.Diagnosis}")))
            .ToList();

        return new StudioBriefing(
            StudioId, now, since, agents, projects,
            [.. State.WorkItems.Values.Where(i => i.DependsOn.Count > 0).OrderBy(i => i.ItemId, StringComparer.Ordinal)],
            [.. State.Conflicts.Values.Where(ConflictWorkflow.IsActive).OrderBy(c => c.RaisedAt)],
            openEscalations,
            [.. State.Conflicts.Values.Where(c => c.Status == ConflictStatus.PendingDecision).OrderBy(c => c.RaisedAt)],
            decisions,
            [.. State.Objectives.Values.Where(o => o.Quarter == OkrRules.QuarterOf(now)).OrderBy(o => o.ObjectiveId, StringComparer.Ordinal)],
            completed,
            [.. State.Handoffs.Values.Where(h => h.OfferedAt >= since || h.SettledAt >= since).OrderBy(h => h.OfferedAt)],
            learnings,
            [.. openReports.Where(r => r.Kind == ReportKind.Risk).OrderByDescending(r => r.Severity).ThenByDescending(r => r.Likelihood)],
            [.. State.Projects.Values.SelectMany(p => p.Milestones.Where(m => !m.Done && m.Due >= today && m.Due <= today.AddDays(14)).Select(m => new UpcomingMilestone(p.ProjectId, p.Name, m))).OrderBy(m => m.Milestone.Due)],
            [.. State.SystemicIssues.Where(s => s.ClearedAt is null)],
            MetricsCalculator.Compute(State, now, Portfolio),
            [.. recorded.Select(d => new DecisionBrief(d.Decision, ProjectOfDecision(d.Decision), d.Chosen?.Summary, d.Chosen?.Impact))],
            PeriodChanges.StatusChanges(period.OfType<ProjectStatusReported>(), State.Projects, since),
            [.. period.OfType<EscalationBreached>().Select(b => new BreachBrief(b.Escalation, b.Breach))],
            [.. period.OfType<InterventionChanged>().Select(i => new InterventionBrief(i.ProjectId, State.Projects.GetValueOrDefault(i.ProjectId)?.Name ?? i.ProjectId, i.Intervention, i.At))],
            Portfolio.Currency);
    }

    private void AddToSeries(MetricSampleRecord sample) =>
        State.ReportedMetrics[sample.Sample.Metric] = State.ReportedMetrics.GetValueOrDefault(sample.Sample.Metric, new MetricSeries()).Add(sample);

    private EscalationWorkflow Escalations(StudioChanges changes) => new(State, changes, Portfolio);

    /// <summary>The conflict workflow, held to the same strategic-conflict SLA as the conflicts' escalations.</summary>
    private ConflictWorkflow Conflicts(StudioChanges changes) =>
        new(State, changes, new ConflictSettings(Portfolio.SlaFor(EscalationClass.StrategicConflict), Portfolio.Currency, Portfolio.MinimumPower,
            Portfolio.DecisionApplyWithin, Portfolio.ConflictRaisesBeforeHuman));

    private Project ProjectOf(string? projectId, string field)
    {
        var id = Require.Id(projectId, field);
        return State.Projects.GetValueOrDefault(id) ?? throw new InvalidRequestException(field, $"no project '{id}' in studio '{StudioId}'");
    }

    private Objective ObjectiveOf(string? objectiveId, string field)
    {
        var id = Require.Id(objectiveId, field);
        return State.Objectives.GetValueOrDefault(id) ?? throw new InvalidRequestException(field, $"no objective '{id}' in studio '{StudioId}'");
    }
}
