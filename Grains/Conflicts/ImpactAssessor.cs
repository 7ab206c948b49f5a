using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>The options out of one conflict, and the ones not offered with the reason (a faster experiment whose power
/// would be below the studio's minimum).</summary>
public sealed record Assessment(IReadOnlyList<ResolutionOption> Options, IReadOnlyList<string> NotOffered);

/// <summary>
/// Builds the options out of one conflict and what each costs, from the items' own data. The prerequisite is the
/// item the impacted one waits for, at its projected (slipped) date.
/// </summary>
public static class ImpactAssessor
{
    /// <summary>The power an experiment is planned for (80 %, the usual convention).</summary>
    public const double PlannedPower = 0.8;

    private const double ZAlpha = 1.959964; // two-sided 5 % significance
    private const double ZBeta = 0.841621;  // 80 % power

    /// <summary>Share of an experiment's revenue at stake that is exposed when its change ships without evidence.</summary>
    public const decimal UnvalidatedShipExposure = 0.5m;

    public static IReadOnlyList<ResolutionOption> Options(
        string decisionKey, WorkItem prerequisite, WorkItem impacted, int slipDays, int leadDays, DateTimeOffset now) =>
        Assess(decisionKey, prerequisite, impacted, slipDays, leadDays, now, ConflictSettings.Default, sharedBy: 1).Options;

    /// <param name="sharedBy">How many items depend on the prerequisite: an experiment's revenue at stake is shared
    /// among them, so shipping one of them without its result risks that one's share, not the whole.</param>
    public static Assessment Assess(
        string decisionKey, WorkItem prerequisite, WorkItem impacted, int slipDays, int leadDays, DateTimeOffset now, ConflictSettings settings, int sharedBy)
    {
        var notOffered = new List<string>();
        var share = prerequisite.RevenueAtStake / Math.Max(1, sharedBy);
        var ready = prerequisite.Kind == WorkItemKind.Experiment ? "has its result" : "is live";
        var projectedReady = impacted.NeededBy.AddDays(slipDays - leadDays);
        var projected = prerequisite with { End = projectedReady, Start = prerequisite.Start <= projectedReady ? prerequisite.Start : projectedReady };
        var commitments = impacted.Commitments ?? [];
        var options = new List<ResolutionOption>();
        var soon = now.AddDays(1);

        // 1. Delay the dependent item until its prerequisite is ready.
        options.Add(Option(ResolutionKind.DelayDependent,
            $"Move {impacted.ItemId} by {Wording.Days(slipDays)} to {impacted.End.AddDays(slipDays):yyyy-MM-dd}, after {prerequisite.ItemId} {ready}",
            new BusinessImpact(0m, commitments.Count, commitments.Sum(c => c.Accounts), commitments.Count(c => c.Contractual), slipDays,
                prerequisite.Kind == WorkItemKind.Experiment ? PlannedPower : 1.0),
            [
                Schedule(decisionKey, 1, impacted, impacted.Start.AddDays(slipDays), impacted.End.AddDays(slipDays), ActionKind.Reschedule, soon,
                    commitments.Count > 0 ? $"tell {Wording.Count(commitments.Sum(c => c.Accounts), "customer account", "customer accounts")} the new date" : null),
                Schedule(decisionKey, 2, projected, projected.Start, projected.End, ActionKind.Keep, ToInstant(projected.End),
                    prerequisite.Kind == WorkItemKind.Experiment ? "deliver the result" : "ship it on this date"),
            ]));

        if (prerequisite.Kind == WorkItemKind.Experiment && impacted.Kind == WorkItemKind.Release)
        {
            // 2. Ship on schedule; run the experiment after launch (the seed's Workflow 2 decision).
            var duration = projected.End.DayNumber - projected.Start.DayNumber;
            var afterLaunch = impacted.End.AddDays(1);
            options.Add(Option(ResolutionKind.ProceedAndRunAfter,
                $"Ship {impacted.ItemId} on {impacted.End:yyyy-MM-dd}; run {prerequisite.ItemId} after launch, {afterLaunch:yyyy-MM-dd} to {afterLaunch.AddDays(duration):yyyy-MM-dd}",
                new BusinessImpact(share * UnvalidatedShipExposure, 0, 0, 0, 0, 0.0),
                [
                    Schedule(decisionKey, 1, impacted, impacted.Start, impacted.End, ActionKind.Descope, soon, "ship without waiting for the result", prerequisite.ItemId),
                    Schedule(decisionKey, 2, projected, afterLaunch, afterLaunch.AddDays(duration), ActionKind.Reschedule, soon, "re-plan it to run after launch"),
                ]));

            // 3. A faster variant that ends in time, with lower statistical power.
            var newEnd = impacted.NeededBy.AddDays(-leadDays);
            var planned = projected.End.DayNumber - projected.Start.DayNumber;
            var fraction = planned > 0 ? (double)(newEnd.DayNumber - projected.Start.DayNumber) / planned : 0;
            var power = Power(fraction);
            if (newEnd > projected.Start && planned > 0 && power < settings.MinimumPower)
                notOffered.Add($"{OptionId(ResolutionKind.ShortenPrerequisite)}: ending {prerequisite.ItemId} on {newEnd:yyyy-MM-dd} leaves {power:P0} statistical power, below the studio's minimum of {settings.MinimumPower:P0}");
            else if (newEnd > projected.Start && planned > 0)
            {
                options.Add(Option(ResolutionKind.ShortenPrerequisite,
                    $"End {prerequisite.ItemId} on {newEnd:yyyy-MM-dd} with a faster variant: {fraction:P0} of the planned sample, power {power:P0}",
                    new BusinessImpact(prerequisite.RevenueAtStake * (decimal)Math.Max(0, 1 - power / PlannedPower), 0, 0, 0, 0, power),
                    [
                        Schedule(decisionKey, 1, impacted, impacted.Start, impacted.End, ActionKind.Keep, ToInstant(impacted.End), "ship on the committed date"),
                        Schedule(decisionKey, 2, projected, projected.Start, newEnd, ActionKind.Reschedule, soon,
                            $"run a faster variant ({Math.Ceiling(prerequisite.SampleSizeNeeded * fraction):0} of {prerequisite.SampleSizeNeeded} samples)"),
                    ]));
            }
        }

        if (impacted.Kind == WorkItemKind.Release)
        {
            // 4. Descope: ship on the date without the part that needs the prerequisite. Contracts are about dates; the
            // customers who were only expecting the scope are the ones disappointed.
            var soft = commitments.Where(c => !c.Contractual).ToList();
            options.Add(Option(ResolutionKind.DescopeDependent,
                $"Ship {impacted.ItemId} on {impacted.End:yyyy-MM-dd} without the part that needs {prerequisite.ItemId}",
                new BusinessImpact(prerequisite.Kind == WorkItemKind.Experiment ? share : 0m, soft.Count, soft.Sum(c => c.Accounts), 0, 0, 1.0),
                [
                    Schedule(decisionKey, 1, impacted, impacted.Start, impacted.End, ActionKind.Descope, soon, $"drop the part that needs {prerequisite.ItemId}", prerequisite.ItemId),
                    Schedule(decisionKey, 2, projected, projected.Start, projected.End, ActionKind.Keep, ToInstant(projected.End),
                        prerequisite.Kind == WorkItemKind.Experiment ? "deliver the result for a later release" : "ship it on this date"),
                ]));
        }

        return new Assessment(options, notOffered);
    }

    /// <summary>
    /// Power of a two-sided z-test at 5 % significance that was sized for 80 % power, run on
    /// <paramref name="sampleFraction"/> of its planned sample: Φ(√f · (z₀.₉₇₅ + z₀.₈) − z₀.₉₇₅).
    /// </summary>
    public static double Power(double sampleFraction) =>
        NormalCdf(Math.Sqrt(Math.Clamp(sampleFraction, 0, 1)) * (ZAlpha + ZBeta) - ZAlpha);

    private static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    // Abramowitz–Stegun 7.1.26 rational approximation (|error| < 1.5e-7), enough for a decision aid.
    private static double Erfc(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x));
        var y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-x * x);
        return x >= 0 ? y : 2 - y;
    }

    internal static ResolutionOption Option(ResolutionKind kind, string summary, BusinessImpact impact, IReadOnlyList<ActionItem> actions) =>
        new(OptionId(kind), kind, summary, impact, actions, Score: 0);

    public static string OptionId(ResolutionKind kind) => kind switch
    {
        ResolutionKind.DelayDependent => "delay-dependent",
        ResolutionKind.ProceedAndRunAfter => "proceed-and-run-after",
        ResolutionKind.ShortenPrerequisite => "shorten-prerequisite",
        ResolutionKind.DescopeDependent => "descope-dependent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    internal static ActionItem Schedule(
        string decisionKey, int n, WorkItem item, DateOnly start, DateOnly end, ActionKind action, DateTimeOffset due, string? what, string? drop = null)
    {
        var verb = action switch
        {
            ActionKind.Keep => $"Keep {item.ItemId} on {start:yyyy-MM-dd} – {end:yyyy-MM-dd}",
            ActionKind.Reschedule => $"Move {item.ItemId} to {start:yyyy-MM-dd} – {end:yyyy-MM-dd}",
            _ => $"Descope {item.ItemId}, keeping {start:yyyy-MM-dd} – {end:yyyy-MM-dd}",
        };
        return new ActionItem($"{decisionKey}:{n}", item.OwnerAgentId, item.ItemId, item.Kind, action,
            what is null ? verb : $"{verb}; {what}", due, start, end, drop);
    }

    internal static DateTimeOffset ToInstant(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
