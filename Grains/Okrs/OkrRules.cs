using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Okrs;

namespace Orchestration.Grains.Okrs;

/// <summary>Objectives, key results and initiatives (seed Workflows 1 and 3).</summary>
public static class OkrRules
{
    public static double Progress(KeyResult keyResult) => keyResult.Progress;

    /// <summary>An objective's score as of now: the mean progress of its key results, ignoring any closing outcome.</summary>
    public static double Score(Objective objective) => (objective with { Outcome = null }).Score;

    /// <summary>"2026-Q4" for an instant.</summary>
    public static string QuarterOf(DateTimeOffset at) => $"{at.UtcDateTime.Year}-Q{(at.UtcDateTime.Month + 2) / 3}";

    public static Objective Validate(Objective? objective)
    {
        objective = Require.Present(objective, "objective");
        Require.Id(objective.ObjectiveId, "objective.objectiveId");
        if (!System.Text.RegularExpressions.Regex.IsMatch(objective.Quarter ?? "", @"^\d{4}-Q[1-4]$"))
            throw new InvalidRequestException("objective.quarter", $"'{objective.Quarter}' is not a quarter like 2026-Q4");
        Require.Label(objective.Title, "objective.title");
        var keyResults = objective.KeyResults ?? [];
        if (keyResults.Count == 0) throw new InvalidRequestException("objective.keyResults", "an objective needs at least one measurable key result");
        if (keyResults.Count > Limits.MaxListEntries) throw new InvalidRequestException("objective.keyResults", $"at most {Limits.MaxListEntries} are allowed");
        for (var i = 0; i < keyResults.Count; i++)
        {
            var kr = Require.Present(keyResults[i], $"objective.keyResults[{i}]");
            Require.Id(kr.KeyResultId, $"objective.keyResults[{i}].keyResultId");
            Require.Label(kr.Description, $"objective.keyResults[{i}].description");
            RequireMeasurable(kr.Baseline, kr.Target, $"objective.keyResults[{i}].target");
            if (!double.IsFinite(kr.Current)) throw new InvalidRequestException($"objective.keyResults[{i}].current", "is not a number");
            if (!string.IsNullOrEmpty(kr.Unit)) Require.Label(kr.Unit, $"objective.keyResults[{i}].unit");
        }

        // The audit trail and the outcome are the studio's to write (AdjustObjective, CloseQuarter), never a caller's.
        if (objective.Adjustments is { Count: > 0 })
            throw new InvalidRequestException("objective.adjustments", "is written by the studio when an objective is adjusted (AdjustObjective); leave it empty");
        if (objective.Outcome is not null)
            throw new InvalidRequestException("objective.outcome", "is written by the studio when the quarter closes (CloseQuarter); leave it empty");

        Require.Labels([.. keyResults.Select(k => k.KeyResultId)], "objective.keyResults");
        return objective with { KeyResults = [.. keyResults.Select(k => k with { Unit = k.Unit ?? "" })], Adjustments = [], Outcome = null };
    }

    public static Objective Update(Objective objective, KeyResultUpdate update)
    {
        var kr = Find(objective, update.KeyResultId, "update.keyResultId");
        if (!double.IsFinite(update.Current)) throw new InvalidRequestException("update.current", "is not a number");
        if (objective.Outcome is not null) throw new InvalidRequestException("update.objectiveId", $"the quarter of '{objective.ObjectiveId}' is closed");
        return objective with { KeyResults = [.. objective.KeyResults.Select(k => k == kr ? k with { Current = update.Current } : k)] };
    }

    /// <summary>Mid-quarter adjustment: new targets, each still measurable, recorded with who and why.</summary>
    public static Objective Adjust(Objective objective, ObjectiveAdjustment adjustment, DateTimeOffset now)
    {
        var reason = Require.Text(adjustment.Reason, "adjustment.reason");
        var by = Require.Label(adjustment.By, "adjustment.by");
        var targets = Require.Present(adjustment.NewTargets, "adjustment.newTargets");
        if (targets.Count == 0) throw new InvalidRequestException("adjustment.newTargets", "names no key result");
        if (objective.Outcome is not null) throw new InvalidRequestException("adjustment.objectiveId", $"the quarter of '{objective.ObjectiveId}' is closed");
        foreach (var (id, target) in targets) RequireMeasurable(Find(objective, id, "adjustment.newTargets").Baseline, target, $"adjustment.newTargets[{id}]");
        var note = $"{now:yyyy-MM-dd} by {by}: {string.Join(", ", targets.Select(t => $"{t.Key} → {t.Value}"))} ({reason})";
        return objective with
        {
            KeyResults = [.. objective.KeyResults.Select(k => targets.TryGetValue(k.KeyResultId, out var t) ? k with { Target = t } : k)],
            Adjustments = [.. objective.Adjustments ?? [], note],
        };
    }

    public static Initiative Validate(Initiative? initiative, IReadOnlyDictionary<string, Objective> objectives, ICollection<string> workItems)
    {
        initiative = Require.Present(initiative, "initiative");
        Require.Id(initiative.InitiativeId, "initiative.initiativeId");
        Require.Text(initiative.Goal, "initiative.goal");
        Require.Date(initiative.Start, "initiative.start");
        Require.Date(initiative.End, "initiative.end");
        Require.Ordered(initiative.Start, initiative.End, "initiative.end", "start", "end");
        if (initiative.ObjectiveId is { } objective && !objectives.ContainsKey(objective))
            throw new InvalidRequestException("initiative.objectiveId", $"no objective '{objective}' in the studio");
        var items = Require.Labels(initiative.WorkItemIds, "initiative.workItemIds");
        for (var i = 0; i < items.Count; i++)
            if (!workItems.Contains(items[i]))
                throw new InvalidRequestException($"initiative.workItemIds[{i}]", $"no work item '{items[i]}' is declared in the studio");
        return initiative with { WorkItemIds = [.. items] };
    }

    private static KeyResult Find(Objective objective, string? keyResultId, string field) =>
        objective.KeyResults.FirstOrDefault(k => k.KeyResultId == keyResultId)
        ?? throw new InvalidRequestException(field, $"no key result '{keyResultId}' in objective '{objective.ObjectiveId}'");

    private static void RequireMeasurable(double baseline, double target, string field)
    {
        if (!double.IsFinite(baseline) || !double.IsFinite(target))
            throw new InvalidRequestException(field, "baseline and target must be numbers");
        if (target == baseline)
            throw new InvalidRequestException(field, $"equals the baseline ({baseline}): a key result must measure a change");
    }
}
