using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Work;
using static Orchestration.Tests.Unit.Conflicts.WorkItems;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>Workflow 2 on the Producer's state, without a cluster: detect, decide, issue, acknowledge, follow up.</summary>
public class ConflictWorkflowTests : ConflictBook
{
    private void Strategy(params string[] priorities) => Strategy(priorities, []);

    private void Plan(params WorkItem[] items)
    {
        foreach (var item in items) Run(w => w.Declare(item, "planned"));
    }

    /// <summary>What the agents do with a decision: set each item to its action item's dates, drop what is descoped.</summary>
    private void ApplyActionItems(Decision decision)
    {
        foreach (var action in decision.ActionItems)
        {
            var item = State.WorkItems[action.ItemId];
            var applied = item with
            {
                Start = action.NewStart ?? item.Start,
                End = action.NewEnd ?? item.End,
                DependsOn = [.. item.DependsOn.Where(d => d.ItemId != action.DropDependencyOn)],
            };
            Run(w => w.Declare(applied, $"applying {action.ActionItemId}"));
        }
    }

    private static readonly CustomerCommitment Acme = new("Acme", 40, Contractual: true);
    private static readonly CustomerCommitment Beta = new("Beta", 10, Contractual: false);

    [Fact]
    public void A_slip_under_customers_first_keeps_the_release_and_tells_both_agents_their_part()
    {
        Strategy("customer-commitments", "learning");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E", 2)));

        var changes = Run(w => w.Declare(Experiment("E", 0, 42), "needs three more weeks of traffic"), T0.AddHours(2));

        var conflict = Assert.Single(State.Conflicts.Values);
        Assert.Equal((ConflictStatus.Decided, "E", "R", 14, T0.AddHours(2).AddHours(48)), (conflict.Status, conflict.ViaItemId, conflict.ImpactedItemId, conflict.SlipDays, conflict.SlaDue));
        var decision = conflict.Decision!;
        Assert.NotEqual(ResolutionKind.DelayDependent, decision.Chosen);
        Assert.Equal(("policy", TimeSpan.Zero), (decision.DecidedBy, decision.Velocity));
        Assert.Equal(3, decision.Rejected.Count);
        Assert.NotEmpty(decision.Mitigation);
        Assert.Equal(["shipper-1", "tracker-1"], decision.ActionItems.Select(a => a.AgentId).Order());

        var issued = changes.Messages.OfType<DecisionIssued>().ToList();
        Assert.Equal(["shipper-1", "tracker-1"], issued.Select(m => m.AgentId).Order());
        Assert.All(issued, m => Assert.All(m.ActionItems, a => Assert.Equal(m.AgentId, a.AgentId)));
        Assert.Equal(
            [nameof(WorkItemDeclared), nameof(ConflictRaised), nameof(DecisionRecorded)],
            changes.Events.Select(e => e.GetType().Name));
    }

    [Fact]
    public void Every_agent_acknowledging_resolves_the_conflict_once()
    {
        Strategy("customer-commitments");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E")));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var conflict = State.Conflicts.Values.Single();
        var decisionId = conflict.Decision!.DecisionId;
        ApplyActionItems(conflict.Decision);

        Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, decisionId, "shipper-1")), T0.AddHours(1));
        Assert.Equal(ConflictStatus.Decided, State.Conflicts[conflict.ConflictId].Status);
        var retry = Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, decisionId, "shipper-1")), T0.AddHours(2));
        Assert.Empty(retry.Events);

        var last = Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, decisionId, "tracker-1")), T0.AddHours(3));

        Assert.DoesNotContain(conflict.ConflictId, State.Conflicts.Keys); // closed: out of the active book, into the view and its record
        var resolved = Assert.Single(State.RecentlyClosed);
        Assert.Equal(ConflictStatus.Resolved, resolved.Status);
        Assert.Same(resolved, last.Filings.Single(f => f.Record is Conflict).Record);
        Assert.All(resolved.Decision!.ActionItems, a => Assert.Equal(ActionStatus.Done, a.Status));
        Assert.Equal(T0.AddHours(1), resolved.Acknowledgements!["shipper-1"]);
        Assert.Equal([nameof(DecisionAcknowledged), nameof(ConflictClosed)], last.Events.Select(e => e.GetType().Name));
    }

    [Fact]
    public void A_new_strategy_reassesses_held_decisions_and_the_new_policy_decides_them()
    {
        Strategy(["customer-commitments"], "human-approval");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme, Beta], On("E", 2)));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        Assert.Equal(ConflictStatus.PendingDecision, State.Conflicts.Values.Single().Status);

        Strategy("customer-commitments", "learning"); // no human-approval constraint any more
        var changes = Run(w => w.Reassess(), T0.AddDays(1));

        var decided = State.Conflicts.Values.Single();
        Assert.Equal((ConflictStatus.Decided, "policy", TimeSpan.FromDays(1)), (decided.Status, decided.Decision!.DecidedBy, decided.Decision.Velocity));
        Assert.Contains(changes.Events, e => e is ConflictReassessed);
    }

    [Fact]
    public void A_decision_acknowledged_but_not_applied_waits_for_a_human_with_one_escalation_and_is_never_raised_again()
    {
        Strategy("customer-commitments");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E")));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var conflict = State.Conflicts.Values.Single();
        var decision = conflict.Decision!;

        // Both agents say they applied it, but nothing moved: E is still 12 days late for R.
        Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, decision.DecisionId, "shipper-1")), T0.AddHours(1));
        var acked = Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, decision.DecisionId, "tracker-1")), T0.AddHours(1));

        // Within the time allowed the decision stays in force: no new conflict, nothing resolved.
        Assert.DoesNotContain(acked.Events, e => e is ConflictRaised or ConflictClosed);
        Assert.Equal(ConflictStatus.Decided, Assert.Single(State.Conflicts.Values).Status);
        Assert.DoesNotContain(Run(w => w.FollowUp(), T0.AddHours(24)).Events, e => e is DecisionUnapplied);

        // Past it, the conflict waits for a human, and one event names the agent whose item does not show the decision.
        var late = Run(w => w.FollowUp(), T0.AddHours(25).AddMinutes(1));
        var unapplied = Assert.Single(late.Events.OfType<DecisionUnapplied>());
        var shortened = decision.ActionItems.Single(a => a.ItemId == "E");
        Assert.Equal([shortened.AgentId], unapplied.AgentIds);
        Assert.Contains($"acknowledged {decision.DecisionId} but has not applied it within 24 h (E is 2026-01-05 – 2026-02-16, instructed", unapplied.Because);
        var held = Assert.Single(State.Conflicts.Values);
        Assert.Equal((conflict.ConflictId, ConflictStatus.PendingDecision), (held.ConflictId, held.Status));
        Assert.StartsWith(unapplied.Because, held.HeldBecause);
        Assert.DoesNotContain(late.Events, e => e is ConflictRaised);

        // Further follow-ups change nothing: no loop.
        Assert.Empty(Run(w => w.FollowUp(), T0.AddDays(3)).Events);

        // A human decides it again; the escalation's reason is gone with it.
        Run(w => w.Approve(new ApproveDecision(conflict.ConflictId, "delay-dependent", "cpo", "Acme agreed to wait")), T0.AddDays(3));
        Assert.Equal(ConflictStatus.Decided, State.Conflicts[conflict.ConflictId].Status);
        Assert.Empty(State.HeldForHuman);
    }

    [Fact]
    public void A_conflict_that_keeps_coming_back_on_the_same_cause_waits_for_a_human()
    {
        Strategy("customer-commitments");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E")));
        for (var round = 1; round <= 3; round++)
        {
            // E slips, the policy decides, the tracker declares other dates than instructed: decided again, each time.
            Run(w => w.Declare(Experiment("E", 0, 42 + round), $"slip {round}"));
            Assert.Equal(ConflictStatus.Decided, State.Conflicts.Values.Single().Status);
        }

        var changes = Run(w => w.Declare(Experiment("E", 0, 50), "slip 4"));

        var held = Assert.Single(State.Conflicts.Values);
        Assert.Equal(ConflictStatus.PendingDecision, held.Status);
        Assert.StartsWith("raised 4 times on E → R (more than the studio's 3): a human decides it", held.HeldBecause);
        Assert.DoesNotContain(changes.Events, e => e is DecisionRecorded);
    }

    [Fact]
    public void A_held_conflict_whose_prerequisite_moves_again_is_reassessed_not_raised_twice()
    {
        Strategy("learning", "revenue");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E", 2)));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var held = State.Conflicts.Values.Single();
        Assert.Equal((ConflictStatus.PendingDecision, 14), (held.Status, held.SlipDays));

        var changes = Run(w => w.Declare(Experiment("E", 0, 60), "slips again"));

        var reassessed = State.Conflicts.Values.Single();
        Assert.Equal((held.ConflictId, 32), (reassessed.ConflictId, reassessed.SlipDays));
        Assert.Contains(changes.Events, e => e is ConflictReassessed r && r.SlipDays == 32);
        Assert.All(reassessed.Options.Where(o => o.Kind == ResolutionKind.DelayDependent), o => Assert.Equal(32, o.Impact.ScheduleSlipDays));
    }

    [Fact]
    public void A_held_conflict_whose_slip_is_taken_back_is_withdrawn_and_never_decided()
    {
        Strategy(["customer-commitments"], "human-approval");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E", 2)));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var held = State.Conflicts.Values.Single();
        Assert.Equal(ConflictStatus.PendingDecision, held.Status);

        var changes = Run(w => w.Declare(Experiment("E", 0, 21), "the extra weeks are not needed after all"), T0.AddHours(2));

        Assert.Empty(State.Conflicts);
        var withdrawn = Assert.Single(State.RecentlyClosed);
        Assert.Equal((held.ConflictId, ConflictStatus.Withdrawn, null), (withdrawn.ConflictId, withdrawn.Status, withdrawn.Decision));
        Assert.Contains("E no longer makes R late", withdrawn.WithdrawnBecause);
        Assert.Single(changes.Events.OfType<ConflictWithdrawn>());
        Assert.Equal(["shipper-1", "tracker-1"], changes.Messages.OfType<ConflictWithdrawnNotice>().Select(m => m.AgentId).Order(StringComparer.Ordinal));
        Assert.Contains(changes.Filings, f => f.Record is Conflict { Status: ConflictStatus.Withdrawn });

        // Nothing left to decide: a human cannot approve it, and a new strategy decides nothing.
        var refused = Assert.Throws<InvalidRequestException>(() => Run(w => w.Approve(new ApproveDecision(held.ConflictId, held.Options[0].OptionId, "cpo", "go"))));
        Assert.Contains("Withdrawn, not pending", refused.Message);
        Strategy("customer-commitments", "learning");
        Assert.DoesNotContain(Run(w => w.Reassess(), T0.AddDays(1)).Events, e => e is DecisionRecorded);
    }

    [Fact]
    public void A_decided_conflict_whose_cause_goes_away_is_resolved_by_its_agents_not_withdrawn()
    {
        Strategy("customer-commitments", "learning");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E", 2)));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var decided = State.Conflicts.Values.Single();
        Assert.Equal(ConflictStatus.Decided, decided.Status);

        ApplyActionItems(decided.Decision!); // applying it is what makes the cause go away

        Assert.Equal(ConflictStatus.Decided, State.Conflicts[decided.ConflictId].Status);
    }

    [Theory]
    [InlineData("customer-commitments", "learning")]
    [InlineData("learning", "revenue")]
    [InlineData("revenue")]
    public void Conflicts_sharing_a_prerequisite_are_decided_as_one_plan_that_holds_in_any_order_of_application(params string[] priorities)
    {
        // Two releases need E; E slips three weeks. Whatever the strategy decides, each item gets at most one
        // instruction, and applying them in any order ends with every item on the plan's dates and nothing late.
        Strategy(priorities);
        var beta = new CustomerCommitment("Beta", 5, Contractual: true);
        Plan(Experiment("E", 0, 21), Release("R1", 0, 30, [Acme], On("E", 2)), Release("R2", 0, 34, [beta], On("E")));
        var before = State.WorkItems.ToDictionary(p => p.Key, p => p.Value);
        Run(w => w.Declare(Experiment("E", 0, 42), "three more weeks"));
        // A conflict held for a human is approved on the policy's recommendation, as the producer would.
        while (State.Conflicts.Values.FirstOrDefault(c => c.Status == ConflictStatus.PendingDecision) is { } held)
            Run(w => w.Approve(new ApproveDecision(held.ConflictId, held.RecommendedOptionId!, "producer", "as recommended")));
        var slipped = State.WorkItems.ToDictionary(p => p.Key, p => p.Value);
        var decided = State.Conflicts.Values.Where(c => c.Decision is not null).ToList();
        var instructions = decided.SelectMany(c => c.Decision!.ActionItems).ToList();
        Assert.Equal(instructions.Count, instructions.Select(a => a.ItemId).Distinct().Count()); // one instruction per item

        foreach (var order in Permutations(instructions))
        {
            // Every permutation starts from the studio as it was right after the decisions.
            var state = Snapshot();
            var raised = 0;
            foreach (var action in order)
            {
                var item = State.WorkItems[action.ItemId];
                var applied = item with
                {
                    Start = action.NewStart ?? item.Start,
                    End = action.NewEnd ?? item.End,
                    DependsOn = [.. item.DependsOn.Where(d => d.ItemId != action.DropDependencyOn)],
                };
                if (applied != item) raised += Run(w => w.Declare(applied, $"applying {action.ActionItemId}")).Events.OfType<ConflictRaised>().Count();
            }

            foreach (var conflict in decided)
                foreach (var agent in conflict.Agents)
                    raised += Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, conflict.Decision!.DecisionId, agent))).Events.OfType<ConflictRaised>().Count();

            Assert.Equal(0, raised);
            Assert.Empty(State.Conflicts);
            foreach (var action in instructions)
                Assert.Equal((action.NewStart, action.NewEnd), ((DateOnly?)State.WorkItems[action.ItemId].Start, (DateOnly?)State.WorkItems[action.ItemId].End));
            foreach (var id in State.WorkItems.Keys) Assert.Empty(ConflictDetector.Detect(State.WorkItems, id));
            Restore(state);
        }

        Assert.NotEqual(before["E"], slipped["E"]);
    }

    private (Dictionary<string, WorkItem> Items, Dictionary<string, Conflict> Conflicts, List<Conflict> Closed, long Sequence, long Events) Snapshot() =>
        (new(State.WorkItems), new(State.Conflicts), [.. State.RecentlyClosed], State.ConflictSequence, State.EventSequence);

    private void Restore((Dictionary<string, WorkItem> Items, Dictionary<string, Conflict> Conflicts, List<Conflict> Closed, long Sequence, long Events) saved)
    {
        State.WorkItems = saved.Items;
        State.Conflicts = saved.Conflicts;
        State.RecentlyClosed = saved.Closed;
        State.ConflictSequence = saved.Sequence;
        State.EventSequence = saved.Events;
    }

    private static IEnumerable<List<T>> Permutations<T>(List<T> items) =>
        items.Count <= 1 ? [items] : items.SelectMany((item, i) => Permutations([.. items.Take(i), .. items.Skip(i + 1)]).Select(rest => (List<T>)[item, .. rest]));

    [Fact]
    public void A_cascade_decided_by_delay_carries_on_downstream()
    {
        // Revenue first, and a faster E would be too weak to offer: R is delayed, so X (which needs R live) moves too.
        Strategy("revenue");
        Plan(Experiment("E", 0, 21), Release("R", 0, 23, [], On("E", 5)), Experiment("X", 24, 40, dependsOn: On("R")));

        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));

        var conflicts = State.Conflicts.Values.OrderBy(c => c.Path.Count).ToList();
        Assert.Equal([("R", ResolutionKind.DelayDependent), ("X", ResolutionKind.DelayDependent)], conflicts.Select(c => (c.ImpactedItemId, c.Decision!.Chosen)));
        Assert.Equal(["E", "R", "X"], conflicts[1].Path);
        // X moves by what R's delay leaves it late, with R's new dates: one plan the agents can apply in any order.
        var r = conflicts[0].Decision!.ActionItems.Single(a => a.ItemId == "R");
        var x = conflicts[1].Decision!.ActionItems.Single(a => a.ItemId == "X");
        Assert.Equal((Day0.AddDays(24), Day0.AddDays(47)), (r.NewStart, r.NewEnd));
        Assert.Equal(Day0.AddDays(47), x.NewStart);
        Assert.Contains("Decided with conflict-1 as one plan", conflicts[1].Decision!.Rationale);
    }

    [Fact]
    public void A_cascade_whose_first_decision_keeps_the_date_supersedes_the_rest()
    {
        Strategy("customer-commitments", "learning");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E", 2)), Experiment("X", 31, 50, dependsOn: On("R")));

        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));

        var downstream = State.RecentlyClosed.Single(c => c.ImpactedItemId == "X");
        Assert.Equal(ConflictStatus.Superseded, downstream.Status);
        Assert.Null(downstream.Decision);
        Assert.Equal("decided with conflict-1 as one plan (decision-1), which keeps X on time: R descope-dependent; X kept on time", downstream.SupersededBecause);
    }

    [Fact]
    public void A_held_decision_waits_for_a_human_and_so_does_everything_downstream()
    {
        Strategy("learning", "revenue"); // a month of runway: delay and a faster variant are too close to call
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E", 2)), Experiment("X", 31, 50, dependsOn: On("R")));

        var changes = Run(w => w.Declare(Experiment("E", 0, 42), "slip"));

        var held = State.Conflicts.Values.Single(c => c.ImpactedItemId == "R");
        Assert.Equal(ConflictStatus.PendingDecision, held.Status);
        var downstream = State.Conflicts.Values.Single(c => c.ImpactedItemId == "X");
        Assert.Equal(ConflictStatus.PendingDecision, downstream.Status); // decided with R as one plan, so held with it
        Assert.Contains("recommended as one plan", downstream.HeldBecause);
        Assert.Empty(changes.Messages);

        var approved = Run(w => w.Approve(new ApproveDecision(held.ConflictId, "delay-dependent", "cto", "learning matters more this quarter")), T0.AddHours(5));

        var decided = State.Conflicts[held.ConflictId];
        Assert.Equal(("cto", TimeSpan.FromHours(5)), (decided.Decision!.DecidedBy, decided.Decision.Velocity));
        Assert.StartsWith("Approved by cto: learning matters more this quarter", decided.Decision.Rationale);
        Assert.Equal(ConflictStatus.Decided, State.Conflicts.Values.Single(c => c.ImpactedItemId == "X").Status); // unblocked, then decided
        Assert.Equal(4, approved.Messages.OfType<DecisionIssued>().Count()); // two decisions, two agents each
    }

    [Fact]
    public void An_override_records_who_why_and_what_it_replaced_and_reissues_the_decision()
    {
        Strategy("customer-commitments");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E")));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var conflict = State.Conflicts.Values.Single();
        var before = conflict.Decision!;

        var changes = Run(w => w.Override(new OverrideDecision(conflict.ConflictId, "delay-dependent", "ceo", "Acme agreed to wait")), T0.AddDays(1));

        var after = State.Conflicts[conflict.ConflictId].Decision!;
        Assert.Equal(new DecisionOverride("ceo", "Acme agreed to wait", before.ChosenOptionId, T0.AddDays(1)), after.Override);
        Assert.Equal(("delay-dependent", "ceo"), (after.ChosenOptionId, after.DecidedBy));
        Assert.NotEqual(before.DecisionId, after.DecisionId);
        Assert.Contains(after.Rejected, r => r.OptionId == before.ChosenOptionId && r.Why == "overridden by ceo: Acme agreed to wait");
        Assert.Equal(2, changes.Messages.OfType<DecisionIssued>().Count());
    }

    [Fact]
    public void Refused_commands_name_the_field_and_change_nothing()
    {
        Strategy("customer-commitments");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E")));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var conflict = State.Conflicts.Values.Single();
        var snapshot = conflict;

        Assert.Equal("request.optionId", Assert.Throws<InvalidRequestException>(() =>
            Run(w => w.Override(new OverrideDecision(conflict.ConflictId, "pray", "ceo", "why not")))).Field);
        Assert.Equal("request.optionId", Assert.Throws<InvalidRequestException>(() =>
            Run(w => w.Override(new OverrideDecision(conflict.ConflictId, conflict.Decision!.ChosenOptionId, "ceo", "same")))).Field);
        Assert.Equal("request.conflictId", Assert.Throws<InvalidRequestException>(() =>
            Run(w => w.Approve(new ApproveDecision(conflict.ConflictId, "delay-dependent", "ceo", "not pending")))).Field);
        Assert.Equal("acknowledgement.agentId", Assert.Throws<NotPermittedException>(() =>
            Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, conflict.Decision!.DecisionId, "stranger")))).Field);
        Assert.Equal("acknowledgement.decisionId", Assert.Throws<InvalidRequestException>(() =>
            Run(w => w.Acknowledge(new DecisionAcknowledgement(conflict.ConflictId, "decision-99", "shipper-1")))).Field);

        Assert.Same(snapshot, State.Conflicts[conflict.ConflictId]);
    }

    [Fact]
    public void Follow_up_flags_each_overdue_action_item_once()
    {
        Strategy("customer-commitments");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E")));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        var decision = State.Conflicts.Values.Single().Decision!;
        var firstDue = decision.ActionItems.Min(a => a.Due);

        Assert.Empty(Run(w => w.FollowUp(), firstDue.AddMinutes(-1)).Messages);

        var changes = Run(w => w.FollowUp(), firstDue.AddMinutes(1));
        var flagged = changes.Messages.OfType<ActionItemOverdue>().ToList();
        Assert.NotEmpty(flagged);
        Assert.All(flagged, m => Assert.True(m.ActionItem.Due < firstDue.AddMinutes(1)));
        Assert.Empty(Run(w => w.FollowUp(), firstDue.AddMinutes(2)).Messages);
    }

    [Fact]
    public void A_second_slip_while_a_decision_is_being_applied_does_not_raise_it_twice()
    {
        Strategy("customer-commitments");
        Plan(Experiment("E", 0, 21), Release("R", 0, 30, [Acme], On("E", 2)));
        Run(w => w.Declare(Experiment("E", 0, 42), "slip"));
        Assert.Equal(ConflictStatus.Decided, State.Conflicts.Values.Single().Status);

        var receipt = default(WorkItemReceipt);
        Run(w => receipt = w.Declare(Experiment("E", 0, 49), "slips again"));

        Assert.Empty(receipt!.ConflictsRaised);
        Assert.Single(State.Conflicts.Values);
    }
}
