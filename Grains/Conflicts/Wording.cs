namespace Orchestration.Grains.Conflicts;

/// <summary>Wording that reads right for any count.</summary>
public static class Wording
{
    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    public static string Count(int count, string singular, string plural) => count == 1 ? $"1 {singular}" : $"{count} {plural}";
}
