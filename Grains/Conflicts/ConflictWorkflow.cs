using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// The seed's Workflow 2 on the Producer's state: keep every late dependency covered by a conflict, decide the
/// conflicts of one cause as one plan by the strategy (or hold them for a human), send each involved agent its action
/// items, check that what the agents acknowledge shows up in their work items, follow up on overdue items. Plain C#:
/// it changes its <see cref="IConflictBook"/> and lists what to publish in <see cref="StudioChanges"/>; the grain
/// validates first, then persists, then publishes.
/// <para>
/// After every change the graph is looked at whole (<see cref="Process"/>): as the decisions in force will leave it,
/// every late item has exactly one active conflict, as late as its worst path; an undecided conflict whose item is no
/// longer late closes (superseded by the decisions in force, or withdrawn); a decided one whose decision no longer
/// keeps its item on time is decided again; then the open conflicts are decided, a group at a time.
/// </para>
/// </summary>
/// <param name="settings">The studio's settings: the strategic-conflict SLA (a conflict's "decide by", the same
/// figure its escalation is held to), the currency, the minimum power of a shortened experiment, the time agents have
/// to apply a decision they acknowledged, and how often a conflict may come back before a human decides it.</param>
public sealed partial class ConflictWorkflow(IConflictBook state, StudioChanges changes, ConflictSettings? settings = null)
{
    private readonly ConflictSettings _settings = settings ?? ConflictSettings.Default;

    /// <summary>What changed, for the reasons of the conflicts it raises ("exp-1 changed (needs three more weeks)").</summary>
    private string _because = "the work graph changed";

    /// <summary>The item just declared: a conflict on its path names it as the change that raised it.</summary>
    private string? _declared;

    private readonly List<string> _raised = [];

    private DateTimeOffset Now => changes.Now;

    /// <summary>Records a validated item and raises, reassesses or closes every conflict its dates touch.</summary>
    public WorkItemReceipt Declare(WorkItem item, string reason)
    {
        var previous = state.WorkItems.GetValueOrDefault(item.ItemId);
        state.WorkItems[item.ItemId] = item;
        changes.Event(seq => new WorkItemDeclared(changes.StudioId, seq, Now,
            previous is null
                ? $"{item.OwnerAgentId} declared {item.Kind.ToString().ToLowerInvariant()} {item.ItemId} ({item.Start:yyyy-MM-dd} – {item.End:yyyy-MM-dd})"
                : $"{item.OwnerAgentId} changed {item.ItemId} to {item.Start:yyyy-MM-dd} – {item.End:yyyy-MM-dd}: {reason}",
            item, previous));

        ObserveInstructions(item);
        (_because, _declared) = ($"{item.ItemId} changed ({reason})", item.ItemId);
        Process();
        return new WorkItemReceipt(item.ItemId, Changed: true, [.. _raised]);
    }

    /// <summary>
    /// Looks at the graph whole and decides what is open, until nothing changes: a decision changes the plan every
    /// other conflict is looked at against (a held conflict whose options no longer fit it is assessed again; a
    /// delay may make work downstream late). Each pass needs a change, so a few suffice; the bound keeps a
    /// pathological graph from looping, and the last look leaves every late item covered whatever happens.
    /// </summary>
    public void Process()
    {
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = Reconcile();
            changed |= ReopenStale();
            if (!DecideGroups() && !changed) return;
        }

        Reconcile();
    }

    private const int MaxPasses = 8;

    /// <summary>
    /// A new strategy changes what the policy would decide: every decision held for a human is assessed again under
    /// it (it may now be decided, or held again for the new strategy's reasons).
    /// </summary>
    public void Reassess()
    {
        foreach (var held in state.Conflicts.Values.Where(c => c.Status == ConflictStatus.PendingDecision).ToList())
            Reopen(held, $"{held.ConflictId} reassessed under the new strategy (it was held: {held.HeldBecause})");
        _because = "the strategy changed";
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
        var partners = HeldPartnersOf(conflict);
        // The recommendation of a group held together is one plan: approving it for one conflict approves it for all.
        var plan = option.OptionId == conflict.RecommendedOptionId && partners.Count > 0
            ? partners.Where(p => p.RecommendedOptionId is not null && !state.HeldForHuman.ContainsKey(p.ConflictId))
                .Select(p => (Conflict: p, Option: Fitting(p, Option(p, p.RecommendedOptionId)))).ToList()
            : [];
        KeepsOnTime([(conflict, option), .. plan]);
        var by = Require.Label(request.By, "request.by");
        var why = Require.Text(request.Why, "request.why");

        foreach (var (approved, chosen) in plan.Prepend((conflict, option)))
        {
            state.HeldForHuman.Remove(approved.ConflictId);
            var together = approved == conflict ? "" : $" (with {conflict.ConflictId}, as one plan)";
            Decide(approved, chosen, by, $"Approved by {by}{together}: {why}. {chosen.Summary}.",
                [.. approved.Options.Where(o => o.OptionId != chosen.OptionId).Select(o => new RejectedOption(o.OptionId, $"not chosen by {by}: {DecisionPolicy.Describe(o.Impact, _settings)}"))],
                @override: null);
        }

        foreach (var partner in partners.Where(p => plan.All(x => x.Conflict != p)))
            Reopen(partner, $"{partner.ConflictId} reassessed: {by} decided {conflict.ConflictId}, which it was held with");
        _because = $"{by} approved {option.OptionId} on {conflict.ConflictId}";
        Process();
        return state.Conflicts.GetValueOrDefault(conflict.ConflictId) ?? Closed(conflict.ConflictId) ?? conflict;
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
        KeepsOnTime([(conflict, option)]);
        var by = Require.Label(request.By, "request.by");
        var why = Require.Text(request.Why, "request.why");

        Decide(conflict, option, by, $"Overridden by {by}: {why}. {option.Summary}.",
            [.. conflict.Options.Where(o => o.OptionId != option.OptionId).Select(o => new RejectedOption(o.OptionId,
                o.OptionId == previous.ChosenOptionId ? $"overridden by {by}: {why}" : $"not chosen by {by}: {DecisionPolicy.Describe(o.Impact, _settings)}"))],
            new DecisionOverride(by, why, previous.ChosenOptionId, Now));
        _because = $"{by} overrode {conflict.ConflictId}";
        Process();
        return state.Conflicts.GetValueOrDefault(conflict.ConflictId) ?? Closed(conflict.ConflictId) ?? conflict;
    }

    /// <summary>
    /// An involved agent says it applied its action items. Each one its work item now shows is done; the conflict is
    /// resolved once every agent has acknowledged and its item is on time. An acknowledgement the work items do not
    /// show is given <see cref="ConflictSettings.AppliedWithin"/> (see <see cref="FollowUp"/>); it never raises the
    /// conflict again by itself.
    /// </summary>
    public Conflict Acknowledge(DecisionAcknowledgement ack, Conflict? filed = null)
    {
        var conflict = Find(ack.ConflictId, "acknowledgement.conflictId", filed);
        var agentId = Require.Id(ack.AgentId, "acknowledgement.agentId");
        // A decision since replaced, or being taken again (the conflict reopened meanwhile): nothing left to acknowledge.
        if (conflict.EarlierDecisionIds?.Contains(ack.DecisionId) == true
            || (conflict.Decision?.DecisionId == ack.DecisionId && conflict.Status is ConflictStatus.Open or ConflictStatus.PendingDecision))
            return conflict;
        if (!conflict.Agents.Contains(agentId) && conflict.Decision?.ActionItems.Any(a => a.AgentId == agentId) != true)
            throw new NotPermittedException("acknowledgement.agentId", $"agent '{agentId}' is not involved in {conflict.ConflictId}");
        if (conflict.Decision is not { } decision || decision.DecisionId != ack.DecisionId)
            throw new InvalidRequestException("acknowledgement.decisionId", $"'{ack.DecisionId}' is not the decision in force for {conflict.ConflictId}");
        var acknowledgements = conflict.Acknowledgements ?? new Dictionary<string, DateTimeOffset>();
        if (acknowledgements.ContainsKey(agentId) || !IsActive(conflict)) return conflict; // a retry, or a conflict since closed

        var updated = conflict with
        {
            Acknowledgements = new Dictionary<string, DateTimeOffset>(acknowledgements) { [agentId] = Now },
            Decision = decision with
            {
                ActionItems = [.. decision.ActionItems.Select(a => a.AgentId == agentId && a.Status is ActionStatus.Open or ActionStatus.Overdue && Shown(a)
                    ? a with { Status = ActionStatus.Done, CompletedAt = Now }
                    : a)],
            },
        };
        state.Conflicts[conflict.ConflictId] = updated;
        changes.Event(seq => new DecisionAcknowledged(changes.StudioId, seq, Now,
            $"{agentId} applied {decision.DecisionId} on {conflict.ConflictId}", conflict.ConflictId, decision.DecisionId, agentId));
        _because = $"{agentId} acknowledged {decision.DecisionId}";
        Process();
        return state.Conflicts.GetValueOrDefault(conflict.ConflictId) ?? Closed(conflict.ConflictId) ?? updated;
    }

    /// <summary>
    /// Flags every open action item past its due date, once, and tells its agent; and holds for a human every decision
    /// some agent acknowledged more than <see cref="ConflictSettings.AppliedWithin"/> ago without its work items
    /// showing it while the conflict's item is still late, with one escalation naming the agents.
    /// </summary>
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

        HoldUnapplied();
        _because = "the follow-up looked again";
        Process();
        return flagged;
    }

    private void HoldUnapplied()
    {
        var lateNow = GraphLateness.Of(state.WorkItems);
        foreach (var conflict in Active().Where(c => c.Status == ConflictStatus.Decided && lateNow.ContainsKey(c.ImpactedItemId)).ToList())
        {
            var decision = conflict.Decision!;
            var unapplied = (conflict.Acknowledgements ?? new Dictionary<string, DateTimeOffset>())
                .Where(a => a.Value + _settings.AppliedWithin <= Now)
                .Select(a => (Agent: a.Key, Items: decision.ActionItems.Where(x => x.AgentId == a.Key && x.Status != ActionStatus.Done).ToList()))
                .Where(a => a.Items.Count > 0)
                .OrderBy(a => a.Agent, StringComparer.Ordinal)
                .ToList();
            if (unapplied.Count == 0) continue;

            var shows = string.Join("; ", unapplied.SelectMany(a => a.Items).Select(x => state.WorkItems.TryGetValue(x.ItemId, out var item)
                ? $"{x.ItemId} is {item.Start:yyyy-MM-dd} – {item.End:yyyy-MM-dd}, instructed {x.NewStart:yyyy-MM-dd} – {x.NewEnd:yyyy-MM-dd}" : $"{x.ItemId} is gone"));
            var because = $"{string.Join(" and ", unapplied.Select(a => a.Agent))} acknowledged {decision.DecisionId} but {(unapplied.Count == 1 ? "has" : "have")} not applied it " +
                          $"within {_settings.AppliedWithin.TotalHours:0.#} h ({shows}); {conflict.ImpactedItemId} is still late";
            changes.Event(seq => new DecisionUnapplied(changes.StudioId, seq, Now, $"{conflict.ConflictId}: {because}", conflict.ConflictId, decision.DecisionId,
                [.. unapplied.Select(a => a.Agent)], because));
            state.HeldForHuman[conflict.ConflictId] = because;
            Reopen(conflict, $"{conflict.ConflictId} waits for a human: {because}");
        }
    }

    /// <summary>A declaration settles the open instructions on its item: applied if the item now shows them, deviated
    /// (the owner's word stands, and the conflict is looked at again) if not.</summary>
    private void ObserveInstructions(WorkItem item)
    {
        foreach (var conflict in Active().Where(c => c.Status == ConflictStatus.Decided).ToList())
        {
            var decision = conflict.Decision!;
            if (!decision.ActionItems.Any(a => a.ItemId == item.ItemId && a.Status is ActionStatus.Open or ActionStatus.Overdue)) continue;
            state.Conflicts[conflict.ConflictId] = conflict with
            {
                Decision = decision with
                {
                    ActionItems = [.. decision.ActionItems.Select(a => a.ItemId != item.ItemId || a.Status is not (ActionStatus.Open or ActionStatus.Overdue) ? a
                        : PlanInForce.Shows(item, a) ? a with { Status = ActionStatus.Done, CompletedAt = Now }
                        : a with { Status = ActionStatus.Deviated })],
                },
            };
        }
    }

    /// <summary>Whether the graph shows an instruction (work that left the graph is finished: nothing left to apply).</summary>
    private bool Shown(ActionItem action) => !state.WorkItems.TryGetValue(action.ItemId, out var item) || PlanInForce.Shows(item, action);

    private Conflict? Closed(string conflictId) => state.RecentlyClosed.LastOrDefault(c => c.ConflictId == conflictId);

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

    private IEnumerable<Conflict> Active() => state.Conflicts.Values.Where(IsActive);

    public static bool IsActive(Conflict conflict) =>
        conflict.Status is ConflictStatus.Open or ConflictStatus.PendingDecision or ConflictStatus.Decided;

    /// <summary>Conflicts in the order they were raised (conflict-9 before conflict-10).</summary>
    private static IEnumerable<Conflict> InOrder(IEnumerable<Conflict> conflicts) =>
        conflicts.OrderBy(c => c.ConflictId.Length).ThenBy(c => c.ConflictId, StringComparer.Ordinal);
}
