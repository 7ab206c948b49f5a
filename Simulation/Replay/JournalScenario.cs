using Orchestration.Client.Journal;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Simulation.Scenarios;

namespace Orchestration.Simulation.Replay;

/// <summary>What a replay changes from the record. Nothing set: the replay of the record itself.</summary>
/// <param name="Strategy">Replaces every strategy the studio published: in force from the start.</param>
/// <param name="Until">Replays the record up to this day only.</param>
/// <param name="Sla">Escalation SLAs to use instead of the configured ones (a strategic conflict's "decide by" follows its class).</param>
public sealed record ReplayChanges(ScenarioStrategy? Strategy = null, DateOnly? Until = null, IReadOnlyDictionary<EscalationClass, TimeSpan>? Sla = null)
{
    public bool IsEmpty => Strategy is null && (Sla is null || Sla.Count == 0);

    public string Describe()
    {
        var parts = new List<string>();
        if (Strategy is { } s)
            parts.Add($"strategy: {string.Join(" > ", s.Priorities)}{(s.Constraints.Count > 0 ? $"; constraints: {string.Join("; ", s.Constraints)}" : "")}");
        foreach (var (escalationClass, within) in Sla ?? new Dictionary<EscalationClass, TimeSpan>())
            parts.Add($"SLA {escalationClass}: {within}");
        return parts.Count == 0 ? "nothing (the record itself)" : string.Join("; ", parts);
    }

    /// <summary>The silo settings the changes make (none for a strategy, which the replay publishes).</summary>
    public void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        if (Sla is not { Count: > 0 } sla) return;
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<Grains.Portfolio.PortfolioOptions>(services, o =>
        {
            foreach (var (escalationClass, within) in sla) o.Sla[escalationClass] = within;
        });
    }
}

/// <summary>
/// A journal's recorded <em>inputs</em>, as a scenario the runner plays on virtual time: the agents, their work item
/// declarations and slips, their reports and resolutions, completions, stakeholder requests, the strategy versions and
/// the humans' approvals and overrides, each at its recorded moment. The Producer's <em>outputs</em> — conflicts,
/// decisions, escalations, breaches, metrics — are not copied: the replay recomputes them. Hosted agents run as
/// hosted agents, so they react to what the replay decides; their recorded reactions (declarations "applying" an
/// action item) are left out, and so is a hosted agent's answer to a handoff. What a journal cannot drive (projects
/// declared before their declaration was journaled) is listed in <see cref="NotReplayed"/>.
/// </summary>
public sealed record JournalScenario(Scenario Scenario, IReadOnlyList<string> NotReplayed)
{
    /// <summary>The longest history a replay plays, as a scenario may span (it ticks once a simulated day).</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(36_500);

    /// <summary>What a hosted agent writes when it declares its item again to apply a decision ("applying decision-3:2: …").</summary>
    private static bool AppliesDecision(WorkItemDeclared declared) =>
        declared.Summary.Contains(": applying decision-", StringComparison.Ordinal);

    public static JournalScenario From(JournalFileHeader header, IReadOnlyList<StudioEvent> events, ReplayChanges changes)
    {
        if (events.Count == 0) throw new ScenarioException(header.StudioId, 1, "the journal holds no events to replay");
        // The replay starts at midnight of the first day, so every input keeps its recorded instant (and SLA clocks
        // their deadlines), however early the studio's day began.
        var start = DateOnly.FromDateTime(events[0].At.UtcDateTime);
        var startInstant = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        TimeSpan At(StudioEvent e) => e.At - startInstant;
        var until = changes.Until is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1) : DateTimeOffset.MaxValue;
        if (events.FirstOrDefault(e => e.At - events[0].At > MaxSpan) is { } far)
            throw new ScenarioException(header.StudioId, 0,
                $"event #{far.Sequence} is dated {far.At:yyyy-MM-dd}, more than {MaxSpan.TotalDays / 365:0} years after the first ({events[0].At:yyyy-MM-dd}): a replay spans at most that");
        if (events[0].At >= until)
            throw new ScenarioException("--until", 0, $"{changes.Until:yyyy-MM-dd} is before the journal's first event ({events[0].At:yyyy-MM-dd}): there is nothing to replay");

        var agents = new Dictionary<string, ScenarioAgent>(StringComparer.Ordinal);
        var objectives = new Dictionary<string, Grains.Interfaces.Okrs.Objective>(StringComparer.Ordinal);
        var escalations = new Dictionary<string, Escalation>(StringComparer.Ordinal);
        var steps = new List<TimelineStep>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Step(StudioEvent e, string action, Dictionary<string, object> args) => steps.Add(new TimelineStep(At(e), action, args, (int)e.Sequence));
        void Input(StudioEvent e, Func<Client.StudioClient, Task> call) => Step(e, "input", new() { ["call"] = call, ["recorded"] = e.GetType().Name });

        foreach (var e in events.Where(e => e.At < until))
        {
            switch (e)
            {
                case AgentJoined joined:
                    agents[joined.Agent.AgentId] = new ScenarioAgent(joined.Agent.AgentId, joined.Agent.Kind, joined.Agent.DisplayName, joined.Agent.Capacity, joined.Agent.Hosting);
                    break;
                case StrategyPublished published when changes.Strategy is null:
                    Step(e, "strategy", new()
                    {
                        ["priorities"] = published.Strategy.Priorities.Cast<object>().ToList(),
                        ["constraints"] = published.Strategy.Constraints.Cast<object>().ToList(),
                        ["rationale"] = published.Strategy.Rationale,
                    });
                    break;
                case WorkItemDeclared declared when declared.Previous is not null && Hosted(declared.Item.OwnerAgentId) && AppliesDecision(declared):
                    break; // a hosted agent applying an action item: the replayed agent does it if the replay decides so
                case WorkItemDeclared declared:
                    var reason = declared.Previous is null ? "planned" : declared.Summary[(declared.Summary.IndexOf(": ", StringComparison.Ordinal) + 2)..];
                    Step(e, "declare", new() { ["record"] = declared.Item, ["reason"] = reason });
                    break;
                case ReportRaised raised:
                    var report = raised.Report;
                    var args = new Dictionary<string, object>
                    {
                        ["id"] = report.ReportId, ["agent"] = report.AgentId, ["project"] = report.ProjectId, ["summary"] = report.Summary,
                        ["impact"] = report.Impact, ["severity"] = report.Severity.ToString(), ["owner"] = report.Owner,
                    };
                    if (report.Blocks is { } blocks) args["blocks"] = blocks;
                    if (report.Category is { } category) args["category"] = category;
                    if (report.Likelihood is { } likelihood) args["likelihood"] = likelihood.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                    if (report.Mitigation is { } mitigation) args["mitigation"] = mitigation;
                    Step(e, report.Kind == Grains.Interfaces.Reports.ReportKind.Risk ? "risk" : "blocker", args);
                    break;
                case ReportResolved resolved when resolved.Report.Resolution is { } resolution:
                    Step(e, "resolve", new() { ["report"] = resolved.Report.ReportId, ["by"] = resolution.ResolvedBy, ["resolution"] = resolution.Resolution });
                    break;
                case WorkItemCompleted completed:
                    Step(e, "complete", new() { ["item"] = completed.Work.ItemId });
                    break;
                case EscalationChanged changedEscalation:
                    var now = changedEscalation.Escalation;
                    var was = escalations.GetValueOrDefault(now.EscalationId);
                    escalations[now.EscalationId] = now;
                    // A person's acts are inputs: taking an escalation on, and closing a request. What the studio
                    // does to an escalation itself (a step up the ladder, closing a blocker's with its report) is recomputed.
                    if (now.AcknowledgedBy is { } by && was?.AcknowledgedBy is null)
                        Step(e, "acknowledge", new() { ["source"] = now.SourceId, ["by"] = by, ["assignee"] = now.Assignee ?? by });
                    if (now.ResolvedAt is not null && was?.ResolvedAt is null && now.Class == EscalationClass.StakeholderRequest)
                        Input(e, studio => studio.Escalations.ResolveEscalation(new EscalationResolution(now.EscalationId, now.AcknowledgedBy ?? "replay", now.Resolution ?? "resolved")));
                    break;
                case EscalationRaised raisedEscalation when raisedEscalation.Escalation.Class != EscalationClass.StakeholderRequest:
                    escalations[raisedEscalation.Escalation.EscalationId] = raisedEscalation.Escalation;
                    break;
                case EscalationRaised { Escalation.Class: EscalationClass.StakeholderRequest } request:
                    escalations[request.Escalation.EscalationId] = request.Escalation;
                    var esc = request.Escalation;
                    var requestArgs = new Dictionary<string, object> { ["id"] = esc.SourceId, ["stakeholder"] = esc.RaisedBy, ["summary"] = esc.Summary };
                    if (esc.ProjectId is { } project) requestArgs["project"] = project;
                    Step(e, "request", requestArgs);
                    break;
                case DecisionRecorded recorded when recorded.Decision.Override is { } overridden:
                    Step(e, "override", new() { ["conflict"] = recorded.Decision.ConflictId, ["option"] = recorded.Decision.ChosenOptionId, ["by"] = overridden.By, ["why"] = overridden.Why });
                    break;
                case DecisionRecorded recorded when recorded.Decision.DecidedBy != "policy":
                    Step(e, "approve", new() { ["conflict"] = recorded.Decision.ConflictId, ["option"] = recorded.Decision.ChosenOptionId, ["by"] = recorded.Decision.DecidedBy, ["why"] = recorded.Decision.Rationale });
                    break;
                case DecisionAcknowledged acknowledged when !Hosted(acknowledged.AgentId):
                    // An external agent's word that it applied the decision in force on that conflict (its declarations
                    // applying it are replayed above); a hosted agent acknowledges again in the replay itself.
                    var (conflictId, agentId) = (acknowledged.ConflictId, acknowledged.AgentId);
                    Input(e, async studio =>
                    {
                        var decision = (await studio.WorkGraph.GetConflict(conflictId))?.Decision
                            ?? throw new Grains.Interfaces.Common.InvalidRequestException("ack.conflictId", $"{conflictId} has no decision in the replay to acknowledge");
                        await studio.WorkGraph.AcknowledgeDecision(new Grains.Interfaces.Conflicts.DecisionAcknowledgement(conflictId, decision.DecisionId, agentId));
                    });
                    break;
                case ProjectDeclared { Declaration: { } declaration }:
                    Step(e, "project", new() { ["record"] = declaration });
                    break;
                case ProjectStatusReported status:
                    var statusArgs = new Dictionary<string, object> { ["project"] = status.ProjectId, ["status"] = status.Status.ToString(), ["reason"] = status.Reason };
                    if (status.AgentId is { } reporter) statusArgs["agent"] = reporter;
                    Step(e, "status", statusArgs);
                    break;
                case InitiativeDeclared declaredInitiative:
                    Input(e, studio => studio.Portfolio.DeclareInitiative(declaredInitiative.Initiative));
                    break;
                case MetricSampled sampled:
                    Input(e, studio => studio.Portfolio.ReportMetricSample(sampled.Sample));
                    break;
                case IssueSelfResolved selfResolved:
                    Input(e, studio => studio.Portfolio.LogResolvedIssue(selfResolved.Issue));
                    break;
                case HandoffOffered offered:
                    Input(e, studio => studio.Producer.OfferHandoff(offered.Offer));
                    break;
                case HandoffSettled settled when settled.Handoff.Status != Grains.Interfaces.Handoffs.HandoffStatus.Offered
                                              && agents.GetValueOrDefault(settled.Handoff.Offer.ToAgentId)?.Hosting == AgentHosting.External:
                    // An external agent's answer is an input; a hosted agent answers again in the replay itself.
                    var answer = new Grains.Interfaces.Handoffs.HandoffResponse(settled.Handoff.Offer.HandoffId, settled.Handoff.Offer.ToAgentId,
                        settled.Handoff.Status == Grains.Interfaces.Handoffs.HandoffStatus.Accepted, settled.Handoff.Reason ?? "answered");
                    Input(e, studio => studio.Producer.RespondToHandoff(answer));
                    break;
                case ObjectiveChanged changed when !objectives.ContainsKey(changed.Objective.ObjectiveId):
                    objectives[changed.Objective.ObjectiveId] = changed.Objective;
                    var objective = changed.Objective with { Adjustments = null, Outcome = null };
                    Input(e, studio => studio.Portfolio.SetObjective(objective));
                    break;
                case ObjectiveChanged changed when changed.Objective.Outcome is null:
                    // A key result's new value, or new targets: replayed as the update or adjustment that made it.
                    var known = objectives[changed.Objective.ObjectiveId];
                    objectives[changed.Objective.ObjectiveId] = changed.Objective;
                    var targets = changed.Objective.KeyResults.Where(k => known.KeyResults.FirstOrDefault(o => o.KeyResultId == k.KeyResultId)?.Target != k.Target)
                        .ToDictionary(k => k.KeyResultId, k => k.Target);
                    if (targets.Count > 0)
                        Input(e, studio => studio.Portfolio.AdjustObjective(new Grains.Interfaces.Okrs.ObjectiveAdjustment(changed.Objective.ObjectiveId, targets,
                            changed.Objective.Adjustments?.LastOrDefault() ?? "adjusted", "replay")));
                    foreach (var result in changed.Objective.KeyResults.Where(k => known.KeyResults.FirstOrDefault(o => o.KeyResultId == k.KeyResultId)?.Current != k.Current))
                        Input(e, studio => studio.Portfolio.UpdateKeyResult(new Grains.Interfaces.Okrs.KeyResultUpdate($"replay-{e.Sequence}-{result.KeyResultId}",
                            changed.Objective.ObjectiveId, result.KeyResultId, result.Current)));
                    break;
                case QuarterClosed closed:
                    var retrospective = closed.Retrospective;
                    Input(e, studio => studio.Portfolio.CloseQuarter(new Grains.Interfaces.Okrs.QuarterClose(retrospective.Quarter, retrospective.WentWell, retrospective.ToChange)));
                    break;
                case ProjectDeclared:
                    skipped[e.GetType().Name] = skipped.GetValueOrDefault(e.GetType().Name) + 1;
                    break;
            }
        }

        bool Hosted(string agentId) => agents.GetValueOrDefault(agentId)?.Hosting == AgentHosting.Hosted;
        var last = events.Last(e => e.At < until);
        var duration = At(last) + TimeSpan.FromDays(1);
        var strategy = changes.Strategy;
        var scenario = new Scenario($"replay-{header.StudioId}", $"Replay of studio {header.StudioId}'s journal; changed: {changes.Describe()}",
            start, duration, Seed: 0, strategy, [.. agents.Values], [], [], [], [], steps, [], StartTime: TimeOnly.MinValue);
        return new JournalScenario(scenario, [.. skipped.Select(s => $"{s.Value} × {s.Key} (recorded before this release journaled the whole declaration)")]);
    }
}
