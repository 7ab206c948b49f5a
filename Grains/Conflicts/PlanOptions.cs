using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>
/// What a joint plan asks of each conflict, in the words of a single decision: the option it takes, with the dates the
/// plan gives its items (not the dates the option would have alone: a release delayed by a knock-on slip moves by the
/// whole of it), the cost it bears in the plan, and the action items for its agents.
/// </summary>
public static class PlanOptions
{
    public static ResolutionOption For(PlanProblem problem, PlanCandidate plan, int index, string decisionKey, DateTimeOffset now)
    {
        var kind = plan.Choices[index] ?? throw new ArgumentException("The plan takes no way out of this conflict.", nameof(index));
        var c = problem.Conflicts[index];
        var (before, after) = (problem.Graph[c.ImpactedId], plan.Final[c.ImpactedId]);
        var (prerequisite, ready) = (plan.Final[c.PrerequisiteId], problem.Graph[c.PrerequisiteId]);
        var impact = plan.Impacts[index];
        var soon = now.AddDays(1);
        var result = prerequisite.Kind == WorkItemKind.Experiment ? "has its result" : "is live";
        var deliver = prerequisite.Kind == WorkItemKind.Experiment ? "deliver the result" : "ship it on this date";
        var accounts = (before.Commitments ?? []).Sum(x => x.Accounts);
        ActionItem Keep(int n, WorkItem item, string what) =>
            ImpactAssessor.Schedule(decisionKey, n, item, item.Start, item.End, ActionKind.Keep, ImpactAssessor.ToInstant(item.End), what);

        var (summary, actions) = kind switch
        {
            ResolutionKind.DelayDependent => (
                $"Move {c.ImpactedId} by {Wording.Days(impact.ScheduleSlipDays)} to {after.End:yyyy-MM-dd}, after {c.PrerequisiteId} {result}",
                new[]
                {
                    ImpactAssessor.Schedule(decisionKey, 1, before, after.Start, after.End, ActionKind.Reschedule, soon,
                        accounts > 0 ? $"tell {Wording.Count(accounts, "customer account", "customer accounts")} the new date" : null),
                    Keep(2, prerequisite, deliver),
                }),
            ResolutionKind.ProceedAndRunAfter => (
                $"Ship {c.ImpactedId} on {before.End:yyyy-MM-dd}; run {c.PrerequisiteId} after launch, {prerequisite.Start:yyyy-MM-dd} to {prerequisite.End:yyyy-MM-dd}",
                [
                    ImpactAssessor.Schedule(decisionKey, 1, before, before.Start, before.End, ActionKind.Descope, soon, "ship without waiting for the result", c.PrerequisiteId),
                    ImpactAssessor.Schedule(decisionKey, 2, ready, prerequisite.Start, prerequisite.End, ActionKind.Reschedule, soon, "re-plan it to run after launch"),
                ]),
            ResolutionKind.ShortenPrerequisite => Shorten(decisionKey, c, before, ready, prerequisite, impact, soon),
            _ => (
                $"Ship {c.ImpactedId} on {before.End:yyyy-MM-dd} without the part that needs {c.PrerequisiteId}",
                [
                    ImpactAssessor.Schedule(decisionKey, 1, before, before.Start, before.End, ActionKind.Descope, soon, $"drop the part that needs {c.PrerequisiteId}", c.PrerequisiteId),
                    Keep(2, prerequisite, prerequisite.Kind == WorkItemKind.Experiment ? "deliver the result for a later release" : "ship it on this date"),
                ]),
        };
        return ImpactAssessor.Option(kind, summary, impact, actions) with { Score = Math.Round(plan.Costs[index], 4) };
    }

    private static (string, ActionItem[]) Shorten(string key, PlanConflict c, WorkItem impacted, WorkItem ready, WorkItem shortened, BusinessImpact impact, DateTimeOffset soon)
    {
        var planned = ready.End.DayNumber - ready.Start.DayNumber;
        var fraction = planned > 0 ? (double)(shortened.End.DayNumber - shortened.Start.DayNumber) / planned : 1;
        return (
            $"End {c.PrerequisiteId} on {shortened.End:yyyy-MM-dd} with a faster variant: {fraction:P0} of the planned sample, power {impact.Confidence:P0}",
            [
                ImpactAssessor.Schedule(key, 1, impacted, impacted.Start, impacted.End, ActionKind.Keep, ImpactAssessor.ToInstant(impacted.End), "ship on the committed date"),
                ImpactAssessor.Schedule(key, 2, ready, shortened.Start, shortened.End, ActionKind.Reschedule, soon,
                    $"run a faster variant ({Math.Ceiling(ready.SampleSizeNeeded * fraction):0} of {ready.SampleSizeNeeded} samples)"),
            ]);
    }

    /// <summary>A plan in a few words, conflict by conflict: "R1 shorten-prerequisite; R2 delay-dependent (40 days); R3 kept on time".</summary>
    public static string Describe(PlanProblem problem, PlanCandidate plan) =>
        string.Join("; ", problem.Conflicts.Select((c, i) => plan.Choices[i] is { } kind
            ? $"{c.ImpactedId} {ImpactAssessor.OptionId(kind)}{(plan.Impacts[i].ScheduleSlipDays > 0 ? $" ({Wording.Days(plan.Impacts[i].ScheduleSlipDays)})" : "")}"
            : $"{c.ImpactedId} kept on time"));
}
