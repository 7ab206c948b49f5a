namespace Orchestration.Grains.Common;

/// <summary>
/// The clock of the studio's domain (SLAs, due dates, decision velocity), a keyed <see cref="TimeProvider"/>: tests
/// and simulations replace it without moving the clock Orleans' own machinery runs on.
/// </summary>
public static class StudioClock
{
    public const string Key = "studio";
}
