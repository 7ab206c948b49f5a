namespace Orchestration.Grains.Conflicts;

/// <summary>
/// The studio's settings the conflict workflow decides by (configuration section "Portfolio"): the strategic-conflict
/// SLA a conflict's "decide by" follows, the currency revenue is stated in, the least statistical power a faster
/// experiment may have to be offered at all, how long agents have after acknowledging a decision for their work items
/// to show it, and how many times a conflict may come back on the same cause before a human decides it.
/// </summary>
public sealed record ConflictSettings(
    TimeSpan DecideWithin,
    string Currency = ConflictSettings.DefaultCurrency,
    double MinimumPower = ConflictSettings.DefaultMinimumPower,
    TimeSpan? ApplyWithin = null,
    int RaisesBeforeHuman = ConflictSettings.DefaultRaisesBeforeHuman)
{
    public const int DefaultRaisesBeforeHuman = 3;

    public static readonly TimeSpan DefaultApplyWithin = TimeSpan.FromHours(24);

    /// <summary>How long after acknowledging a decision an agent's work items may take to show it.</summary>
    public TimeSpan AppliedWithin => ApplyWithin ?? DefaultApplyWithin;

    public const string DefaultCurrency = "USD";

    public const double DefaultMinimumPower = 0.5;

    public static readonly ConflictSettings Default = new(TimeSpan.FromHours(48));

    /// <summary>An amount of money as the studio states it: "USD 200,000".</summary>
    public string Money(decimal amount) => $"{Currency} {amount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}";
}
