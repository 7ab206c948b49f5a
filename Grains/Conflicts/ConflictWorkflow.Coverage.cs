using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>Coverage: every item the graph makes late — as the decisions in force will leave it — has one active
/// conflict, as late as its worst path; what is no longer late closes; a decision that no longer keeps its item on
/// time is taken again.</summary>
public sealed partial class ConflictWorkflow
{
    /// <summary>Brings the conflicts in line with the graph. True if anything changed.</summary>
    private bool Reconcile()
    {
        var changed = false;
        var planned = PlanInForce.Of(Active()).Project(state.WorkItems);
        var late = GraphLateness.Of(planned);
        var lateNow = GraphLateness.Of(state.WorkItems);
        foreach (var key in state.ConflictCauses.Keys.Where(k => k.Split('>') is var ids && !ids.All(state.WorkItems.ContainsKey)).ToList())
            state.ConflictCauses.Remove(key); // a cause whose work is finished cannot come back

        foreach (var conflict in InOrder(Active()).ToList())
        {
            var facts = late.GetValueOrDefault(conflict.ImpactedItemId);
            switch (conflict.Status)
            {
                case ConflictStatus.Open or ConflictStatus.PendingDecision when facts is null:
                    if (lateNow.ContainsKey(conflict.ImpactedItemId))
                        Close(conflict with { Status = ConflictStatus.Superseded, SupersededBecause = $"the decisions in force keep {conflict.ImpactedItemId} on time" });
                    else Withdraw(conflict);
                    changed = true;
                    break;
                case ConflictStatus.Open or ConflictStatus.PendingDecision when facts.Days != conflict.SlipDays || facts.ViaId != conflict.ViaItemId || !facts.Path.SequenceEqual(conflict.Path):
                    Reassess(conflict, facts);
                    changed = true;
                    break;
                case ConflictStatus.Decided when facts is not null:
                    Count(facts);
                    Reopen(conflict with { SlipDays = facts.Days, ViaItemId = facts.ViaId, Path = facts.Path, PrerequisiteAgentId = planned[facts.ViaId].OwnerAgentId },
                        $"{conflict.ConflictId} is decided again: {conflict.Decision!.DecisionId} no longer keeps {conflict.ImpactedItemId} on time ({Reason(facts)})");
                    changed = true;
                    break;
                case ConflictStatus.Decided when conflict.Agents.All((conflict.Acknowledgements ?? new Dictionary<string, DateTimeOffset>()).ContainsKey)
                                                 && !lateNow.ContainsKey(conflict.ImpactedItemId):
                    Close(conflict with { Status = ConflictStatus.Resolved }); // every agent applied it, and the graph says so
                    changed = true;
                    break;
            }
        }

        var covered = Active().Select(c => c.ImpactedItemId).ToHashSet(StringComparer.Ordinal);
        foreach (var facts in late.Values.Where(l => !covered.Contains(l.ItemId)).OrderBy(l => l.Path.Count).ThenBy(l => l.ItemId, StringComparer.Ordinal))
        {
            Raise(facts, planned);
            changed = true;
        }

        return changed;
    }

    private string Reason(LateItem facts) => $"{_because}: {facts.ViaId} would be ready {Wording.Days(facts.Days)} after {facts.ItemId} needs it";

    /// <summary>One more time a conflict comes up on this cause; past the limit, the next waits for a human.</summary>
    private void Count(LateItem facts)
    {
        var key = $"{facts.ViaId}>{facts.ItemId}";
        state.ConflictCauses[key] = state.ConflictCauses.GetValueOrDefault(key) + 1;
    }

    private int Raises(Conflict conflict) => state.ConflictCauses.GetValueOrDefault($"{conflict.ViaItemId}>{conflict.ImpactedItemId}");

    private void Raise(LateItem facts, IReadOnlyDictionary<string, WorkItem> planned)
    {
        Count(facts);
        var trigger = _declared is { } declared && facts.Path.Contains(declared) ? declared : facts.CauseId;
        var conflict = new Conflict(
            $"conflict-{++state.ConflictSequence}", changes.StudioId, trigger, facts.ViaId, facts.ItemId, facts.Path, facts.Days,
            planned[facts.ViaId].OwnerAgentId, planned[facts.ItemId].OwnerAgentId, Reason(facts), Now, Now + _settings.DecideWithin, ConflictStatus.Open, []);
        state.Conflicts[conflict.ConflictId] = conflict;
        _raised.Add(conflict.ConflictId);
        changes.Event(seq => new ConflictRaised(changes.StudioId, seq, Now,
            $"Strategic conflict {conflict.ConflictId}: {conflict.Reason} (agents {string.Join(", ", conflict.Agents)}; decide by {conflict.SlaDue:u})",
            conflict));
    }

    /// <summary>An undecided conflict whose facts changed (its item is late by another amount, or through another path)
    /// is assessed afresh.</summary>
    private void Reassess(Conflict conflict, LateItem facts)
    {
        var reason = Reason(facts);
        state.Conflicts[conflict.ConflictId] = conflict with
        {
            ViaItemId = facts.ViaId, Path = facts.Path, SlipDays = facts.Days, PrerequisiteAgentId = state.WorkItems[facts.ViaId].OwnerAgentId,
            Reason = reason, Status = ConflictStatus.Open, Options = [], HeldBecause = null, RecommendedOptionId = null,
        };
        changes.Event(seq => new ConflictReassessed(changes.StudioId, seq, Now, $"{conflict.ConflictId} reassessed: {reason}", conflict.ConflictId, facts.Days));
    }

    /// <summary>Back to open, to be decided (or held) again with what is known now.</summary>
    private void Reopen(Conflict conflict, string summary)
    {
        state.Conflicts[conflict.ConflictId] = conflict with { Status = ConflictStatus.Open, Options = [], HeldBecause = null, RecommendedOptionId = null };
        changes.Event(seq => new ConflictReassessed(changes.StudioId, seq, Now, summary, conflict.ConflictId, conflict.SlipDays));
    }

    /// <summary>An undecided conflict whose cause is gone — the slip taken back, the dependency dropped — closes without
    /// a decision; its agents are told.</summary>
    private void Withdraw(Conflict conflict)
    {
        var why = $"{_because}: {conflict.ViaItemId} no longer makes {conflict.ImpactedItemId} late";
        File(conflict with { Status = ConflictStatus.Withdrawn, WithdrawnBecause = why });
        changes.Event(seq => new ConflictWithdrawn(changes.StudioId, seq, Now, $"{conflict.ConflictId} withdrawn: {why}", conflict.ConflictId, why));
        foreach (var agentId in conflict.Agents)
            changes.Send(new ConflictWithdrawnNotice($"withdrawn:{conflict.ConflictId}:{agentId}", changes.StudioId, agentId, Now,
                $"{conflict.ConflictId} is withdrawn, nothing to do: {why}", conflict.ConflictId, why));
    }

    /// <summary>Records a decision and issues each involved agent its action items.</summary>
    private void Decide(Conflict conflict, ResolutionOption option, string by, string rationale, IReadOnlyList<RejectedOption> rejected, DecisionOverride? @override)
    {
        var (prerequisite, impacted) = (state.WorkItems[conflict.ViaItemId], state.WorkItems[conflict.ImpactedItemId]);
        var decisionId = $"decision-{++state.DecisionSequence}";
        if (conflict.Decision is null && conflict.EarlierDecisionIds is null)
            state.DecisionVelocityDays = state.DecisionVelocityDays.Add((Now - conflict.RaisedAt).TotalDays); // time to the first decision
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
            EarlierDecisionIds = conflict.Decision is { } earlier ? [.. conflict.EarlierDecisionIds ?? [], earlier.DecisionId] : conflict.EarlierDecisionIds,
        };
        changes.Event(seq => new DecisionRecorded(changes.StudioId, seq, Now,
            $"{decisionId} on {conflict.ConflictId} by {by}: {option.OptionId}. {decision.Mitigation}", decision, option, conflict.Agents));
        foreach (var agentId in conflict.Agents)
        {
            var mine = decision.ActionItems.Where(a => a.AgentId == agentId).ToList();
            changes.Send(new DecisionIssued($"{decisionId}:{agentId}", changes.StudioId, agentId, Now,
                $"{decisionId} on {conflict.ConflictId}: {option.Summary}", conflict.ConflictId, decision, mine));
        }
    }

    /// <summary>A closed conflict leaves the book for its record page; the newest stay in view.</summary>
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
        state.HeldForHuman.Remove(closed.ConflictId);
        changes.File(RecordKeys.Conflict(closed.ConflictId), closed);
        state.RecentlyClosed.RemoveAll(c => c.ConflictId == closed.ConflictId);
        state.RecentlyClosed.Add(closed);
        if (state.RecentlyClosed.Count > IConflictBook.RecentlyClosedKept) state.RecentlyClosed.RemoveAt(0);
    }
}
