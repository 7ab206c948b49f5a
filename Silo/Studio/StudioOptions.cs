namespace Orchestration.Silo.Studio;

/// <summary>The configuration section "Studio": which studio this silo announces on start, and what it shows.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The studio whose events the silo logs.</summary>
    public string Id { get; set; } = "default";

    /// <summary>Plays the walkthrough (agents join, a blocker, a strategy broadcast) once the silo is up.</summary>
    public bool Walkthrough { get; set; }

    /// <summary>Logs every event of the studio's event stream.</summary>
    public bool LogEvents { get; set; } = true;
}
