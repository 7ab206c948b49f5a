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
        var weights = new Weights(
            Weight(priorities, CustomerCommitments), Weight(priorities, Revenue), Weight(priorities, Speed), Weight(priorities, Learning));

        var maxCommitments = options.Max(o => Commitments(o.Impact));
        var maxRevenue = options.Max(o => (double)o.Impact.RevenueAtRisk);
        var maxSlip = options.Max(o => (double)o.Impact.ScheduleSlipDays);
        var maxUnproven = options.Max(o => 1 - o.Impact.Confidence);
        var scored = options
            .Select(o => o with
            {
                Score = Math.Round(
                    weights.Commitments * Share(Commitments(o.Impact), maxCommitments)
                    + weights.Revenue * Share((double)o.Impact.RevenueAtRisk, maxRevenue)
                    + weights.Speed * Share(o.Impact.ScheduleSlipDays, maxSlip)
                    + weights.Learning * Share(1 - o.Impact.Confidence, maxUnproven), 4),
            })
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

    private static double Commitments(BusinessImpact impact) => impact.CommitmentsBroken + impact.ContractualCommitmentsBroken;

    private static double Share(double value, double max) => max <= 0 ? 0 : value / max;

    private static double Weight(IReadOnlyList<string> priorities, string criterion)
    {
        for (var rank = 0; rank < priorities.Count; rank++)
            if (string.Equals(priorities[rank], criterion, StringComparison.OrdinalIgnoreCase))
                return 1 + RankWeight * (priorities.Count - rank);
        return 1;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A cost with its unit: weighted points out of the most an option could cost under these weights.</summary>
    private static string Points(double score, Weights weights) => $"{F(score)} of {F(weights.Total)} points";

    private sealed record Weights(double Commitments, double Revenue, double Speed, double Learning)
    {
        public double Total => Commitments + Revenue + Speed + Learning;
    }
}
