namespace Orchestration.Grains.Interfaces.Common;

/// <summary>
/// Sizes every caller can check before sending. The grains enforce them; they are here so clients see the same numbers.
/// </summary>
public static class Limits
{
    /// <summary>Ids (studio, agent, project, report, message): 1 to 128 characters of [A-Za-z0-9._:-], starting with a letter or digit.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Free text (summaries, rationales, impact statements), counted in UTF-8 bytes.</summary>
    public const int MaxTextBytes = 4096;

    /// <summary>Short labels (display names, owners, priorities, constraints), in characters.</summary>
    public const int MaxLabelLength = 200;

    /// <summary>Entries in a list field (priorities, constraints, tags).</summary>
    public const int MaxListEntries = 50;

    /// <summary>Work slots an agent can declare.</summary>
    public const int MaxCapacity = 1000;

    /// <summary>Open blockers and risks one studio holds at once; past this the studio needs triage, not more reports.</summary>
    public const int MaxOpenReports = 10_000;

    /// <summary>The earliest date a plan may name.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>The latest date a plan may name: far enough for any plan, near enough that slips and lead times
    /// computed from it stay valid dates.</summary>
    public static readonly DateOnly LatestDate = new(2199, 12, 31);
}
