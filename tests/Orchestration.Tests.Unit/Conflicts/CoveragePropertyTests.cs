using CsCheck;
using Orchestration.Grains.Common;
using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Producer;
using Orchestration.Grains.Work;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>
/// The rule every decision rests on, over generated graphs and histories: after every change — slips and slips taken
/// back, dependencies added and dropped, decisions applied, acknowledged without being applied, approved by a human,
/// strategies changed, follow-ups — every dependency whose prerequisite is late for its dependent is covered, either by
/// an active conflict on the dependent or by decisions in force that keep it on time; a conflict is as late as its
/// item's worst path; an item has at most one active conflict; and no conflict is left undecided about an item that
/// is not late.
/// </summary>
public class CoveragePropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<(WorkItem[] Items, GeneratedGraphs.Change[] Steps, string[] Priorities, bool HumanApproval)> Histories =
        Gen.Select(GeneratedGraphs.Items(9), GeneratedGraphs.Changes.Array[1, 16], GeneratedGraphs.Priorities, Gen.Int[0, 4].Select(i => i == 0));

    [Fact]
    public void After_every_change_every_late_dependency_is_covered_and_as_late_as_its_worst_path()
    {
        Histories.Sample(h => new History(h.Priorities, h.HumanApproval).Play(h.Items, h.Steps), iter: 1500);
    }

    private sealed class History
    {
        private readonly ProducerState _state = new();
        private DateTimeOffset _now = T0;

        public History(string[] priorities, bool humanApproval)
        {
            foreach (var (id, kind) in new[] { ("tracker-1", AgentKinds.ExperimentTracker), ("shipper-1", AgentKinds.ProjectShipper) })
                _state.Agents[id] = new AgentProfile(id, kind, id, 3, AgentHosting.Hosted, T0);
            _state.Strategies.Add(new StudioStrategy("studio-1", 1, priorities, humanApproval ? ["human-approval"] : [], "why", "ceo", T0, "m-1"));
        }

        public void Play(WorkItem[] items, GeneratedGraphs.Change[] steps)
        {
            foreach (var item in items) Declare(item, "planned");
            foreach (var step in steps)
            {
                _now = _now.AddHours(1 + Math.Abs(step.Days));
                var item = _state.WorkItems.GetValueOrDefault($"w{step.Item % items.Length}");
                switch (step.Kind)
                {
                    case 0 or 1 when item is not null && item.End.AddDays(step.Days) >= item.Start:
                        Declare(item with { End = item.End.AddDays(step.Days) }, step.Days >= 0 ? "slips" : "slip taken back");
                        break;
                    case 2 when item is not null:
                        Declare(item with { Start = item.Start.AddDays(step.Days), End = item.End.AddDays(step.Days) }, "moved");
                        break;
                    case 3 when item is not null && step.Item % items.Length > 0 && $"w{Math.Abs(step.Days) % (step.Item % items.Length)}" is var on
                                && _state.WorkItems.ContainsKey(on) && item.DependsOn.All(d => d.ItemId != on):
                        Declare(item with { DependsOn = [.. item.DependsOn, new Dependency(on, Math.Abs(step.Days) % 4)] }, $"needs {on}");
                        break;
                    case 4 when item is { DependsOn.Count: > 0 }:
                        Declare(item with { DependsOn = [.. item.DependsOn.Skip(1)] }, "no longer needs it");
                        break;
                    case 5:
                        ApplyAndAcknowledge(apply: true);
                        break;
                    case 6:
                        ApplyAndAcknowledge(apply: false);
                        break;
                    case 7:
                        ApproveHeld();
                        break;
                    case 8:
                        _state.Strategies.Add(_state.CurrentStrategy! with { Version = _state.Strategies.Count + 1, Constraints = [], MessageId = $"m-{_state.Strategies.Count + 1}" });
                        Run(w => w.Reassess());
                        break;
                    default:
                        _now = _now.AddDays(2);
                        Run(w => w.FollowUp());
                        break;
                }
            }
        }

        private void Declare(WorkItem item, string reason) => Run(w => w.Declare(item, reason));

        private void ApplyAndAcknowledge(bool apply)
        {
            foreach (var conflict in _state.Conflicts.Values.Where(c => c.Status == ConflictStatus.Decided).OrderBy(c => c.ConflictId, StringComparer.Ordinal).ToList())
            {
                if (!_state.Conflicts.TryGetValue(conflict.ConflictId, out var current) || current.Status != ConflictStatus.Decided) continue;
                var decision = current.Decision!;
                foreach (var action in decision.ActionItems.Where(_ => apply))
                {
                    if (!_state.WorkItems.TryGetValue(action.ItemId, out var item)) continue;
                    var applied = PlanInForce.Apply(item, action);
                    if (!WorkItemRules.Same(applied, item)) Declare(applied, $"applying {action.ActionItemId}");
                }
                foreach (var agent in current.Agents)
                    Run(w => w.Acknowledge(new DecisionAcknowledgement(current.ConflictId, decision.DecisionId, agent)));
            }
        }

        private void ApproveHeld()
        {
            if (_state.Conflicts.Values.Where(c => c.Status == ConflictStatus.PendingDecision && c.Options.Count > 0)
                    .OrderBy(c => c.ConflictId, StringComparer.Ordinal).FirstOrDefault() is not { } held) return;
            foreach (var option in held.Options.OrderBy(o => o.OptionId != held.RecommendedOptionId))
            {
                try
                {
                    Run(w => w.Approve(new ApproveDecision(held.ConflictId, option.OptionId, "producer", "approved")));
                    return;
                }
                catch (InvalidRequestException)
                {
                    // This option contradicts the decisions in force, or would leave the item late: a human picks another.
                }
            }
        }

        private void Run(Action<ConflictWorkflow> step)
        {
            step(new ConflictWorkflow(_state, new StudioChanges(_state, "studio-1", _now)));
            Check();
        }

        private void Check()
        {
            var active = _state.Conflicts.Values.Where(ConflictWorkflow.IsActive).ToList();
            var planned = PlanInForce.Of(active).Project(_state.WorkItems);
            var late = GraphLateness.Of(planned);
            var byItem = active.GroupBy(c => c.ImpactedItemId).ToDictionary(g => g.Key, g => g.ToList());
            Assert.All(byItem, g => Assert.True(g.Value.Count == 1, $"{g.Key} has {g.Value.Count} active conflicts"));

            foreach (var (id, facts) in late)
            {
                Assert.True(byItem.TryGetValue(id, out var conflicts), $"{id} is {facts.Days} days late through {facts.ViaId} and no conflict covers it");
                var conflict = conflicts![0];
                Assert.NotEqual(ConflictStatus.Decided, conflict.Status); // a decision that does not keep its item on time is taken again
                Assert.Equal((facts.Days, facts.ViaId), (conflict.SlipDays, conflict.ViaItemId));
            }

            foreach (var conflict in active.Where(c => c.Status != ConflictStatus.Decided))
                Assert.True(late.ContainsKey(conflict.ImpactedItemId), $"{conflict.ConflictId} is {conflict.Status} about {conflict.ImpactedItemId}, which is not late");

            foreach (var edge in GraphLateness.LateEdges(_state.WorkItems))
                Assert.True(byItem.ContainsKey(edge.DependentId) || !GraphLateness.LateEdges(planned).Contains(edge) && PlanEvaluator.Late(planned[edge.DependentId], planned) <= 0,
                    $"{edge.PrerequisiteId} is {edge.Days} days late for {edge.DependentId}, and neither a conflict nor a decision in force covers it");
        }
    }
}
