using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// The seed's Workflow 2 on the Producer's state: detect the conflicts a change creates, assess them, decide by the
/// strategy (or hold for a human), send each involved agent its action items, track acknowledgements, follow up on
/// overdue items. Plain C#: it changes its <see cref="IConflictBook"/> and lists what to publish in
/// <see cref="StudioChanges"/>; the grain validates first, then persists, then publishes.
/// </summary>
/// <param name="settings">The studio's settings: the strategic-conflict SLA (a conflict's "decide by", the same
/// figure its escalation is held to), the currency and the minimum power of a shortened experiment.</param>
public sealed class ConflictWorkflow(IConflictBook state, StudioChanges changes, ConflictSettings? settings = null)
{
    private readonly ConflictSettings _settings = settings ?? ConflictSettings.Default;

    private DateTimeOffset Now => changes.Now;

    /// <summary>Records a validated item and raises every conflict its dates create downstream.</summary>
    public WorkItemReceipt Declare(WorkItem item, string reason)
    {
        var previous = state.WorkItems.GetValueOrDefault(item.ItemId);
        state.WorkItems[item.ItemId] = item;
        changes.Event(seq => new WorkItemDeclared(changes.StudioId, seq, Now,
            previous is null
                ? $"{item.OwnerAgentId} declared {item.Kind.ToString().ToLowerInvariant()} {item.ItemId} ({item.Start:yyyy-MM-dd} – {item.End:yyyy-MM-dd})"
                : $"{item.OwnerAgentId} changed {item.ItemId} to {item.Start:yyyy-MM-dd} – {item.End:yyyy-MM-dd}: {reason}",
            item, previous));

        var raised = Detect(item.ItemId, $"{item.ItemId} changed ({reason})");
        WithdrawVanished(item.ItemId, $"{item.ItemId} changed ({reason})");
        Process();
        return new WorkItemReceipt(item.ItemId, Changed: true, raised);
    }

    /// <summary>
    /// Raises a conflict for every item the dates of <paramref name="triggerId"/> make late. An item already in an
    /// active conflict is not raised twice; if that conflict is still undecided and its facts changed, it is
    /// reassessed from scratch.
    /// </summary>
    private List<string> Detect(string triggerId, string because)
    {
        var raised = new List<string>();
        var graph = Planned(declared: triggerId);
        foreach (var detected in ConflictDetector.Detect(graph, triggerId))
        {
            var via = graph[detected.ViaId];
            var impacted = graph[detected.ImpactedId];
            var reason = $"{because}: {detected.ViaId} would be ready {Wording.Days(detected.SlipDays)} after {detected.ImpactedId} needs it";
            if (Active().FirstOrDefault(c => c.ImpactedItemId == detected.ImpactedId) is { } existing)
            {
                if (existing.Status is ConflictStatus.Open or ConflictStatus.PendingDecision
                    && (existing.SlipDays != detected.SlipDays || existing.ViaItemId != detected.ViaId))
                {
                    state.Conflicts[existing.ConflictId] = existing with
                    {
                        TriggerItemId = detected.TriggerId, ViaItemId = detected.ViaId, Path = detected.Path, SlipDays = detected.SlipDays,
                        PrerequisiteAgentId = via.OwnerAgentId, Reason = reason, Status = ConflictStatus.Open, Options = [], HeldBecause = null, RecommendedOptionId = null,
                    };
                    changes.Event(seq => new ConflictReassessed(changes.StudioId, seq, Now, $"{existing.ConflictId} reassessed: {reason}", existing.ConflictId, detected.SlipDays));
                }

                continue;
            }

            var conflict = new Conflict(
                $"conflict-{++state.ConflictSequence}", changes.StudioId, detected.TriggerId, detected.ViaId, detected.ImpactedId,
                detected.Path, detected.SlipDays, via.OwnerAgentId, impacted.OwnerAgentId, reason,
                Now, Now + _settings.DecideWithin, ConflictStatus.Open, []);
            state.Conflicts[conflict.ConflictId] = conflict;
            raised.Add(conflict.ConflictId);
            changes.Event(seq => new ConflictRaised(changes.StudioId, seq, Now,
                $"Strategic conflict {conflict.ConflictId}: {conflict.Reason} (agents {string.Join(", ", conflict.Agents)}; decide by {conflict.SlaDue:u})",
                conflict));
        }

        return raised;
    }

    /// <summary>
    /// Withdraws every undecided conflict whose cause the graph no longer has: detecting again from its trigger no
    /// longer finds its item late (the slip was taken back, a dependency dropped). A decided conflict is not
    /// withdrawn: its cause going away is what applying the decision does.
    /// </summary>
    private void WithdrawVanished(string declared, string because)
    {
        // Withdrawing changes no decision, so one planned graph and one detection per trigger serve every conflict.
        var graph = Planned(declared);
        var lateFrom = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var conflict in Active().Where(c => c.Status is ConflictStatus.Open or ConflictStatus.PendingDecision).ToList())
        {
            if (!lateFrom.TryGetValue(conflict.TriggerItemId, out var late))
                lateFrom[conflict.TriggerItemId] = late = [.. ConflictDetector.Detect(graph, conflict.TriggerItemId).Select(d => d.ImpactedId)];
            if (late.Contains(conflict.ImpactedItemId)) continue;
            var why = $"{because}: {conflict.ViaItemId} no longer makes {conflict.ImpactedItemId} late";
            var withdrawn = conflict with { Status = ConflictStatus.Withdrawn, WithdrawnBecause = why };
            File(withdrawn);
            changes.Event(seq => new ConflictWithdrawn(changes.StudioId, seq, Now, $"{conflict.ConflictId} withdrawn: {why}", conflict.ConflictId, why));
            foreach (var agentId in conflict.Agents)
                changes.Send(new ConflictWithdrawnNotice($"withdrawn:{conflict.ConflictId}:{agentId}", changes.StudioId, agentId, Now,
                    $"{conflict.ConflictId} is withdrawn, nothing to do: {why}", conflict.ConflictId, why));
        }
    }

    /// <summary>
    /// Decides every open conflict whose upstream conflicts are settled, closest first. A conflict downstream of a
    /// decision that keeps its item's date has nothing left to decide and is superseded.
    /// </summary>
    public void Process()
    {
        // A decision changes the plan every other decision is taken against: a conflict held for a human whose
        // options no longer fit it is assessed again (and may now be decided, or held with options that fit).
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var reopened = ReopenStale();
            var decisions = state.DecisionSequence;
            DecideOpen();
            if (!reopened && state.DecisionSequence == decisions) return;
        }
    }

    private bool ReopenStale()
    {
        var stale = Active().Where(c => c.Status == ConflictStatus.PendingDecision)
            .Where(c => JointPlan.InForce(Active(), except: c.ConflictId) is var plan && c.Options.Any(o => plan.Fit(o) != o)).ToList();
        foreach (var held in stale)
        {
            state.Conflicts[held.ConflictId] = held with { Status = ConflictStatus.Open, Options = [], HeldBecause = null, RecommendedOptionId = null };
            changes.Event(seq => new ConflictReassessed(changes.StudioId, seq, Now,
                $"{held.ConflictId} reassessed against the decisions in force (it was held: {held.HeldBecause})", held.ConflictId, held.SlipDays));
        }

        return stale.Count > 0;
    }

    /// <summary>Passes of deciding and reassessing one change may take; each pass needs a new decision, so a few
    /// suffice in practice, and the bound keeps a pathological graph from looping.</summary>
    private const int MaxPasses = 8;

    private void DecideOpen()
    {
        foreach (var open in Active().Where(c => c.Status == ConflictStatus.Open)
                     .OrderBy(c => c.Path.Count).ThenBy(c => c.RaisedAt).ThenBy(c => c.ConflictId, StringComparer.Ordinal).ToList())
        {
            var conflict = open;
            var upstream = Active()
                .Where(u => u.ConflictId != conflict.ConflictId && u.TriggerItemId == conflict.TriggerItemId
                            && conflict.Path.Take(conflict.Path.Count - 1).Contains(u.ImpactedItemId))
                .ToList();
            if (upstream.Any(u => u.Status is ConflictStatus.Open or ConflictStatus.PendingDecision)) continue;

            if (upstream.FirstOrDefault(u => u.Decision is { } d && KeepsDate(d, u.ImpactedItemId)) is { } keeper)
            {
                Close(conflict with
                {
                    Status = ConflictStatus.Superseded,
                    SupersededBecause = $"{keeper.Decision!.DecisionId} keeps {keeper.ImpactedItemId} on its date",
                });
                continue;
            }

            // Decided together: against the graph as the decisions in force will leave it, adding only what agrees with them.
            var plan = JointPlan.InForce(Active(), except: conflict.ConflictId);
            var (prerequisite, impacted, lead) = Items(conflict, plan);
            if (lead is null)
            {
                Close(conflict with { Status = ConflictStatus.Superseded, SupersededBecause = $"{impacted.ItemId} no longer depends on {prerequisite.ItemId}" });
                continue;
            }

            var slip = conflict.SlipDays;
            if (plan.Instructs(prerequisite.ItemId) || plan.Instructs(impacted.ItemId))
            {
                slip = prerequisite.ReadyAt.AddDays(lead.Value).DayNumber - impacted.NeededBy.DayNumber;
                if (slip <= 0)
                {
                    Close(conflict with
                    {
                        Status = ConflictStatus.Superseded,
                        SupersededBecause = $"the decisions in force resolve it: {plan.Describe(plan.Instructs(prerequisite.ItemId) ? prerequisite.ItemId : impacted.ItemId)}",
                    });
                    continue;
                }
            }

            var sharedBy = state.WorkItems.Values.Count(i => i.DependsOn.Any(d => d.ItemId == prerequisite.ItemId));
            var assessment = ImpactAssessor.Assess(conflict.ConflictId, prerequisite, impacted, slip, lead.Value, Now, _settings, sharedBy);
            var options = assessment.Options.Select(plan.Fit).OfType<ResolutionOption>().ToList();
            var notOffered = assessment.NotOffered.Count == 0 ? "" : $" Not offered: {string.Join("; ", assessment.NotOffered)}.";
            if (options.Count == 0)
            {
                var because = $"no option fits the decisions in force ({plan.Describe(prerequisite.ItemId)}).{notOffered}";
                state.Conflicts[conflict.ConflictId] = conflict with { Status = ConflictStatus.PendingDecision, SlipDays = slip, Options = [], HeldBecause = because };
                changes.Event(seq => new DecisionHeld(changes.StudioId, seq, Now, $"{conflict.ConflictId} waits for a human: {because}", conflict.ConflictId, because));
                continue;
            }

            conflict = conflict with { SlipDays = slip };
            switch (DecisionPolicy.Evaluate(options, state.CurrentStrategy, _settings))
            {
                case PolicyOutcome.Hold hold:
                    var held = hold.Because + notOffered;
                    state.Conflicts[conflict.ConflictId] = conflict with
                    {
                        Status = ConflictStatus.PendingDecision, Options = hold.Scored, HeldBecause = held, RecommendedOptionId = hold.Recommended.OptionId,
                    };
                    changes.Event(seq => new DecisionHeld(changes.StudioId, seq, Now, $"{conflict.ConflictId} waits for a human: {held}", conflict.ConflictId, held));
                    break;
                case PolicyOutcome.Decide decide:
                    Decide(conflict with { Options = decide.Scored }, decide.Chosen, "policy", decide.Rationale + notOffered, decide.Rejected, @override: null);
                    break;
            }
        }
    }

    /// <summary>
    /// A new strategy changes what the policy would decide: every decision held for a human is assessed again under
    /// it (it may now be decided, or held again for the new strategy's reasons).
    /// </summary>
    public void Reassess()
    {
        foreach (var held in state.Conflicts.Values.Where(c => c.Status == ConflictStatus.PendingDecision).ToList())
        {
            state.Conflicts[held.ConflictId] = held with { Status = ConflictStatus.Open, Options = [], HeldBecause = null, RecommendedOptionId = null };
            changes.Event(seq => new ConflictReassessed(changes.StudioId, seq, Now,
                $"{held.ConflictId} reassessed under the new strategy (it was held: {held.HeldBecause})", held.ConflictId, held.SlipDays));
        }

        Process();
    }

    /// <summary>A human picks an option for a held decision. <paramref name="filed"/> is the conflict if it has
    /// closed and left the book (so a late approval gets the right answer, not "no such conflict").</summary>
    public Conflict Approve(ApproveDecision request, Conflict? filed = null)
    {
        var conflict = Find(request.ConflictId, "request.conflictId", filed);
        if (conflict.Status != ConflictStatus.PendingDecision)
            throw new InvalidRequestException("request.conflictId", $"{conflict.ConflictId} is {conflict.Status}, not pending a decision");
        var option = Fitting(conflict, Option(conflict, request.OptionId));
        var by = Require.Label(request.By, "request.by");
        var why = Require.Text(request.Why, "request.why");

        Decide(conflict, option, by, $"Approved by {by}: {why}. {option.Summary}.",
            [.. conflict.Options.Where(o => o != option).Select(o => new RejectedOption(o.OptionId, $"not chosen by {by}: {DecisionPolicy.Describe(o.Impact, _settings)}"))],
            @override: null);
        Process();
        return state.Conflicts[conflict.ConflictId];
    }

    /// <summary>A human replaces a decision's option: the new decision is issued to the agents, with who and why.</summary>
    public Conflict Override(OverrideDecision request, Conflict? filed = null)
    {
        var conflict = Find(request.ConflictId, "request.conflictId", filed);
        if (conflict.Decision is not { } previous || conflict.Status is not (ConflictStatus.Decided or ConflictStatus.Resolved))
            throw new InvalidRequestException("request.conflictId", $"{conflict.ConflictId} is {conflict.Status}: only a decided conflict can be overridden");
        var option = Option(conflict, request.OptionId);
        if (option.OptionId == previous.ChosenOptionId)
            throw new InvalidRequestException("request.optionId", $"'{option.OptionId}' is already the decision");
        if (!state.WorkItems.ContainsKey(conflict.ViaItemId) || !state.WorkItems.ContainsKey(conflict.ImpactedItemId))
            throw new InvalidRequestException("request.conflictId", $"{conflict.ConflictId} is about work that is finished ({conflict.ViaItemId}, {conflict.ImpactedItemId}): there is nothing left to change");
        option = Fitting(conflict, option);
        var by = Require.Label(request.By, "request.by");
        var why = Require.Text(request.Why, "request.why");

        Decide(conflict, option, by, $"Overridden by {by}: {why}. {option.Summary}.",
            [.. conflict.Options.Where(o => o != option).Select(o => new RejectedOption(o.OptionId,
                o.OptionId == previous.ChosenOptionId ? $"overridden by {by}: {why}" : $"not chosen by {by}: {DecisionPolicy.Describe(o.Impact, _settings)}"))],
            new DecisionOverride(by, why, previous.ChosenOptionId, Now));
        return state.Conflicts[conflict.ConflictId];
    }

    /// <summary>An involved agent applied its action items; when every agent has, the conflict is resolved.</summary>
    public Conflict Acknowledge(DecisionAcknowledgement ack, Conflict? filed = null)
    {
        var conflict = Find(ack.ConflictId, "ack.conflictId", filed);
        var agentId = Require.Id(ack.AgentId, "ack.agentId");
        if (!conflict.Agents.Contains(agentId))
            throw new NotPermittedException("ack.agentId", $"agent '{agentId}' is not involved in {conflict.ConflictId}");
        if (conflict.Decision is not { } decision || decision.DecisionId != ack.DecisionId)
            throw new InvalidRequestException("ack.decisionId", $"'{ack.DecisionId}' is not the decision in force for {conflict.ConflictId}");
        var acknowledgements = conflict.Acknowledgements ?? new Dictionary<string, DateTimeOffset>();
        if (acknowledgements.ContainsKey(agentId)) return conflict; // a retry

        var updated = conflict with
        {
            Acknowledgements = new Dictionary<string, DateTimeOffset>(acknowledgements) { [agentId] = Now },
            Decision = decision with
            {
                ActionItems = [.. decision.ActionItems.Select(a => a.AgentId == agentId && a.Status != ActionStatus.Done
                    ? a with { Status = ActionStatus.Done, CompletedAt = Now }
                    : a)],
            },
        };
        changes.Event(seq => new DecisionAcknowledged(changes.StudioId, seq, Now,
            $"{agentId} applied {decision.DecisionId} on {conflict.ConflictId}", conflict.ConflictId, decision.DecisionId, agentId));
        if (!updated.Agents.All(updated.Acknowledgements.ContainsKey))
        {
            state.Conflicts[conflict.ConflictId] = updated;
            return updated;
        }

        // Every agent says it applied the decision: trust, but check the graph again from the prerequisite.
        Close(updated with { Status = ConflictStatus.Resolved });
        Detect(conflict.ViaItemId, $"{conflict.ViaItemId} is still late after {decision.DecisionId}");
        Process();
        return state.Conflicts.GetValueOrDefault(conflict.ConflictId) ?? updated with { Status = ConflictStatus.Resolved };
    }

    /// <summary>Flags every open action item past its due date, once, and tells its agent.</summary>
    public IReadOnlyList<ActionItem> FollowUp()
    {
        var flagged = new List<ActionItem>();
        foreach (var conflict in Active().Where(c => c.Decision is not null).ToList())
        {
            var overdue = conflict.Decision!.ActionItems.Where(a => a.Status == ActionStatus.Open && a.Due < Now).ToList();
            if (overdue.Count == 0) continue;
            state.Conflicts[conflict.ConflictId] = conflict with
            {
                Decision = conflict.Decision with
                {
                    ActionItems = [.. conflict.Decision.ActionItems.Select(a => overdue.Contains(a) ? a with { Status = ActionStatus.Overdue } : a)],
                },
            };
            foreach (var item in overdue.Select(a => a with { Status = ActionStatus.Overdue }))
            {
                flagged.Add(item);
                var summary = $"Overdue since {item.Due:u}: {item.Instruction}";
                changes.Event(seq => new ActionItemFlagged(changes.StudioId, seq, Now, $"{item.AgentId}: {summary}", conflict.ConflictId, item));
                changes.Send(new ActionItemOverdue($"overdue:{item.ActionItemId}", changes.StudioId, item.AgentId, Now, summary, conflict.ConflictId, item));
            }
        }

        return flagged;
    }

    private void Decide(Conflict conflict, ResolutionOption option, string by, string rationale, IReadOnlyList<RejectedOption> rejected, DecisionOverride? @override)
    {
        var (prerequisite, impacted, _) = Items(conflict);
        var decisionId = $"decision-{++state.DecisionSequence}";
        if (conflict.Decision is null) state.DecisionVelocityDays = state.DecisionVelocityDays.Add((Now - conflict.RaisedAt).TotalDays); // time to the first decision
        var decision = new Decision(
            decisionId, conflict.ConflictId, option.OptionId, option.Kind, rationale, rejected,
            Mitigations.For(option, prerequisite, impacted),
            [.. option.ActionItems.Select((a, i) => a with { ActionItemId = $"{decisionId}:{i + 1}" })],
            by, Now, Now - conflict.RaisedAt, @override);

        state.RecentlyClosed.RemoveAll(c => c.ConflictId == conflict.ConflictId); // an overridden resolved conflict is in force again
        state.Conflicts[conflict.ConflictId] = conflict with
        {
            Status = ConflictStatus.Decided,
            Decision = decision,
            HeldBecause = null,
            RecommendedOptionId = null,
            Acknowledgements = new Dictionary<string, DateTimeOffset>(),
        };
        changes.Event(seq => new DecisionRecorded(changes.StudioId, seq, Now,
            $"{decisionId} on {conflict.ConflictId} by {by}: {option.OptionId}. {decision.Mitigation}", decision, option));
        foreach (var agentId in conflict.Agents)
        {
            var mine = decision.ActionItems.Where(a => a.AgentId == agentId).ToList();
            changes.Send(new DecisionIssued($"{decisionId}:{agentId}", changes.StudioId, agentId, Now,
                $"{decisionId} on {conflict.ConflictId}: {option.Summary}", conflict.ConflictId, decision, mine));
        }
    }

    /// <summary>A closed conflict leaves the book for its record grain; the newest stay in view.</summary>
    private void Close(Conflict conflict)
    {
        File(conflict);
        changes.Event(seq => new ConflictClosed(changes.StudioId, seq, Now,
            $"{conflict.ConflictId} {conflict.Status.ToString().ToLowerInvariant()}{(conflict.SupersededBecause is { } why ? $": {why}" : "")}",
            conflict.ConflictId, conflict.Status));
    }

    private void File(Conflict closed)
    {
        state.Conflicts.Remove(closed.ConflictId);
        changes.File(RecordKeys.Conflict(closed.ConflictId), closed);
        state.RecentlyClosed.RemoveAll(c => c.ConflictId == closed.ConflictId);
        state.RecentlyClosed.Add(closed);
        if (state.RecentlyClosed.Count > IConflictBook.RecentlyClosedKept) state.RecentlyClosed.RemoveAt(0);
    }

    /// <summary>
    /// The graph as the decisions in force will leave it: while a decision is being applied, its instructions are
    /// where its items are going, so detection neither raises a conflict the plan already resolves nor misses one it
    /// creates. Once a decision is resolved (or closed), the graph itself is the truth again.
    /// </summary>
    /// <param name="declared">The item just declared: its owner's declaration stands, even against an instruction
    /// (a further slip while a decision is applied must be seen, not masked by the plan).</param>
    private IReadOnlyDictionary<string, WorkItem> Planned(string? declared = null)
    {
        var plan = JointPlan.InForce(Active());
        var graph = new Dictionary<string, WorkItem>(state.WorkItems, StringComparer.Ordinal);
        foreach (var id in state.WorkItems.Keys.Where(id => id != declared && plan.Instructs(id))) graph[id] = plan.Project(graph[id]);
        return graph;
    }

    /// <summary>The option as it fits the other decisions in force; refused if it would contradict one of them.</summary>
    private ResolutionOption Fitting(Conflict conflict, ResolutionOption option) =>
        JointPlan.InForce(Active(), except: conflict.ConflictId) is var plan && plan.Fit(option) is { } fitted ? fitted
        : throw new InvalidRequestException("request.optionId",
            $"'{option.OptionId}' contradicts a decision in force: {string.Join("; ", option.ActionItems.Where(a => plan.Instructs(a.ItemId)).Select(a => plan.Describe(a.ItemId)))}");

    private (WorkItem Prerequisite, WorkItem Impacted, int? LeadDays) Items(Conflict conflict, JointPlan? plan = null)
    {
        var prerequisite = state.WorkItems[conflict.ViaItemId];
        var impacted = state.WorkItems[conflict.ImpactedItemId];
        if (plan is not null) (prerequisite, impacted) = (plan.Project(prerequisite), plan.Project(impacted));
        return (prerequisite, impacted, impacted.DependsOn.FirstOrDefault(d => d.ItemId == prerequisite.ItemId)?.LeadDays);
    }

    private Conflict Find(string? conflictId, string field, Conflict? filed)
    {
        var id = Require.Id(conflictId, field);
        return state.Conflicts.GetValueOrDefault(id)
            ?? state.RecentlyClosed.LastOrDefault(c => c.ConflictId == id)
            ?? (filed?.ConflictId == id ? filed : null)
            ?? throw new InvalidRequestException(field, $"no conflict '{id}' in studio '{changes.StudioId}'");
    }

    private static ResolutionOption Option(Conflict conflict, string? optionId) =>
        conflict.Options.FirstOrDefault(o => o.OptionId == optionId)
        ?? throw new InvalidRequestException("request.optionId",
            $"'{optionId}' is not an option of {conflict.ConflictId}; its options are {string.Join(", ", conflict.Options.Select(o => o.OptionId))}");

    private static bool KeepsDate(Decision decision, string itemId) =>
        decision.ActionItems.Any(a => a.ItemId == itemId && a.Action != ActionKind.Reschedule);

    private IEnumerable<Conflict> Active() => state.Conflicts.Values.Where(IsActive);

    public static bool IsActive(Conflict conflict) =>
        conflict.Status is ConflictStatus.Open or ConflictStatus.PendingDecision or ConflictStatus.Decided;
}
