using System.Globalization;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Conflicts;

/// <summary>What the policy concluded: an option to decide on, or a reason to hold the decision for a human.</summary>
public abstract record PolicyOutcome(IReadOnlyList<ResolutionOption> Scored)
{
    public sealed record Decide(IReadOnlyList<ResolutionOption> Scored, ResolutionOption Chosen, string Rationale, IReadOnlyList<RejectedOption> Rejected)
        : PolicyOutcome(Scored);

    /// <summary>Held for a human, with the option the policy would choose (<see cref="Recommended"/>).</summary>
    public sealed record Hold(IReadOnlyList<ResolutionOption> Scored, string Because, ResolutionOption Recommended) : PolicyOutcome(Scored);
}

/// <summary>
/// Decides a conflict by the strategy in force. Each option's cost is a weighted sum over four criteria, each
/// normalised by its largest value among the options (so 1 is "the worst option on this criterion"):
/// customer commitments broken (contractual ones count twice), revenue at risk, schedule slip, and missing
/// evidence (1 − confidence). A criterion named by the strategy's priorities weighs 1 + 3·(N − rank), N being the
/// number of priorities and rank its 0-based position; one not named weighs 1. The cheapest option wins, unless a
/// strategy constraint asks for human approval or the two cheapest are within <see cref="CloseCallMargin"/> of the
/// total weight: then the decision waits for a human.
/// </summary>
public static class DecisionPolicy
{
    public const string CustomerCommitments = "customer-commitments";
    public const string Revenue = "revenue";
    public const string Speed = "speed";
    public const string Learning = "learning";

    /// <summary>A constraint containing this text holds every conflict decision for a human.</summary>
    public const string HumanApproval = "human-approval";

    public const double CloseCallMargin = 0.05;

    /// <summary>How much each step up the priority list adds to a criterion's weight.</summary>
    public const double RankWeight = 3;

    public static PolicyOutcome Evaluate(IReadOnlyList<ResolutionOption> options, StudioStrategy? strategy, ConflictSettings? settings = null)
    {
        settings ??= ConflictSettings.Default;
        var priorities = strategy?.Priorities ?? [];
        var weights = Weigh(strategy);
        var scales = Scale(options.Select(o => o.Impact));
        var scored = options
            .Select(o => o with { Score = Math.Round(Cost(o.Impact, scales, weights), 4) })
            .OrderBy(o => o.Score)
            .ThenBy(o => o.Kind)
            .ToList();

        var best = scored[0];
        var order = priorities.Count == 0 ? "no priorities set" : $"priorities {string.Join(" > ", priorities)}";
        var recommendation = $"recommended: {best.OptionId} ({best.Summary}; cost {Points(best.Score, weights)})";
        if (strategy?.Constraints.FirstOrDefault(c => c.Contains(HumanApproval, StringComparison.OrdinalIgnoreCase)) is { } constraint)
            return new PolicyOutcome.Hold(scored, $"the strategy requires a human decision (\"{constraint}\"); {recommendation}", best);

        if (scored.Count > 1 && scored[1].Score - best.Score < CloseCallMargin * weights.Total)
            return new PolicyOutcome.Hold(scored,
                $"too close to call: {best.OptionId} costs {F(best.Score)} and {scored[1].OptionId} {F(scored[1].Score)} points (margin under {CloseCallMargin:P0} of {F(weights.Total)}); {recommendation}",
                best);

        var rationale = $"{best.Summary}. Lowest weighted cost, {Points(best.Score, weights)} under {order}: {Describe(best.Impact, settings)}.";
        var rejected = scored.Skip(1)
            .Select(o => new RejectedOption(o.OptionId, $"costs {F(o.Score)} points against {F(best.Score)}: {Describe(o.Impact, settings)}"))
            .ToList();
        return new PolicyOutcome.Decide(scored, best, rationale, rejected);
    }

    public static string Describe(BusinessImpact impact, ConflictSettings? settings = null)
    {
        settings ??= ConflictSettings.Default;
        var parts = new List<string>();
        if (impact.CommitmentsBroken > 0)
            parts.Add($"breaks {Wording.Count(impact.CommitmentsBroken, "customer commitment", "customer commitments")} ({impact.ContractualCommitmentsBroken} contractual, {Wording.Count(impact.AccountsAffected, "account", "accounts")})");
        if (impact.ScheduleSlipDays > 0) parts.Add($"slips a committed date by {Wording.Days(impact.ScheduleSlipDays)}");
        if (impact.RevenueAtRisk > 0) parts.Add($"puts {settings.Money(impact.RevenueAtRisk)} of revenue at risk");
        parts.Add(impact.Confidence >= 1 ? "nothing ships unproven" : $"ships with {impact.Confidence:P0} statistical power");
        return string.Join(", ", parts);
    }

    /// <summary>The weight of each criterion under the strategy's priorities.</summary>
    public static CostWeights Weigh(StudioStrategy? strategy)
    {
        var priorities = strategy?.Priorities ?? [];
        return new CostWeights(Weight(priorities, CustomerCommitments), Weight(priorities, Revenue), Weight(priorities, Speed), Weight(priorities, Learning));
    }

    /// <summary>The largest value of each criterion among a conflict's options: what "1" means when they are compared.</summary>
    public static CostScales Scale(IEnumerable<BusinessImpact> impacts)
    {
        var all = impacts.ToList();
        return new CostScales(all.Max(Commitments), all.Max(i => (double)i.RevenueAtRisk), all.Max(i => (double)i.ScheduleSlipDays), all.Max(i => 1 - i.Confidence));
    }

    /// <summary>The weighted cost of an impact, each criterion divided by its scale. A value above its scale (a knock-on
    /// effect larger than any option alone) costs more than the criterion's weight; one whose scale is 0 counts as 1.</summary>
    public static double Cost(BusinessImpact impact, CostScales scales, CostWeights weights) =>
        weights.Commitments * Share(Commitments(impact), scales.Commitments)
        + weights.Revenue * Share((double)impact.RevenueAtRisk, scales.Revenue)
        + weights.Speed * Share(impact.ScheduleSlipDays, scales.Slip)
        + weights.Learning * Share(1 - impact.Confidence, scales.Unproven);

    private static double Commitments(BusinessImpact impact) => impact.CommitmentsBroken + impact.ContractualCommitmentsBroken;

    private static double Share(double value, double max) => max > 0 ? value / max : value > 0 ? 1 : 0;

    private static double Weight(IReadOnlyList<string> priorities, string criterion)
    {
        for (var rank = 0; rank < priorities.Count; rank++)
            if (string.Equals(priorities[rank], criterion, StringComparison.OrdinalIgnoreCase))
                return 1 + RankWeight * (priorities.Count - rank);
        return 1;
    }

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A cost with its unit: weighted points out of the most an option could cost under these weights.</summary>
    public static string Points(double score, CostWeights weights, int conflicts = 1) => $"{F(score)} of {F(weights.Total * conflicts)} points";
}

/// <summary>How much each criterion weighs under the strategy in force.</summary>
public sealed record CostWeights(double Commitments, double Revenue, double Speed, double Learning)
{
    public double Total => Commitments + Revenue + Speed + Learning;
}

/// <summary>What "the worst option on this criterion" is for one conflict: the largest value among its options.</summary>
public sealed record CostScales(double Commitments, double Revenue, double Slip, double Unproven);
