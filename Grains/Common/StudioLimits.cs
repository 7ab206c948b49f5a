using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Grains.Common;

/// <summary>
/// What one studio may hold at once (configuration section "Limits"), so that no client can grow a studio without
/// bound. A request that would pass a limit is refused, naming the field, the limit and its configuration key.
/// </summary>
public sealed class StudioLimits
{
    public const string Section = "Limits";

    public int MaxAgents { get; set; } = 10_000;

    public int MaxOpenReports { get; set; } = Limits.MaxOpenReports;

    public int MaxOpenHandoffs { get; set; } = 5_000;

    public int MaxProjects { get; set; } = 1_000;

    public int MaxObjectives { get; set; } = 500;

    public int MaxInitiatives { get; set; } = 200;

    public bool IsValid =>
        new[] { MaxAgents, MaxOpenReports, MaxOpenHandoffs, MaxProjects, MaxObjectives, MaxInitiatives }.All(v => v >= 1);

    /// <summary>Refuses one more of <paramref name="what"/> when the studio already holds <paramref name="max"/>.</summary>
    public static void Room(int held, int max, string key, string field, string studioId, string what, string advice)
    {
        if (held >= max)
            throw new InvalidRequestException(field, $"studio '{studioId}' already holds {held} {what}, its limit (Limits:{key} = {max}); {advice}");
    }
}
