namespace Orchestration.Grains.Conflicts;

/// <summary>
/// The studio's settings the conflict workflow decides by (configuration section "Portfolio"): the strategic-conflict
/// SLA a conflict's "decide by" follows, the currency revenue is stated in, and the least statistical power a
/// faster experiment may have to be offered at all.
/// </summary>
public sealed record ConflictSettings(TimeSpan DecideWithin, string Currency = ConflictSettings.DefaultCurrency, double MinimumPower = ConflictSettings.DefaultMinimumPower)
{
    public const string DefaultCurrency = "USD";

    public const double DefaultMinimumPower = 0.5;

    public static readonly ConflictSettings Default = new(TimeSpan.FromHours(48));

    /// <summary>An amount of money as the studio states it: "USD 200,000".</summary>
    public string Money(decimal amount) => $"{Currency} {amount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}";
}
