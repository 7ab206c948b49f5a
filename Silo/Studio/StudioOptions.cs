namespace Orchestration.Silo.Studio;

/// <summary>The configuration section "Studio": the studio this silo shows, and the hosted agents it starts there.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The studio whose events the silo logs and whose hosted agents it starts.</summary>
    public string Id { get; set; } = "default";

    /// <summary>Logs every event of the studio's event stream.</summary>
    public bool LogEvents { get; set; } = true;

    /// <summary>Hosted agents a Development-profile silo joins to the studio once it serves (its Experiment Tracker and
    /// Project Shipper); joining is idempotent, so a restart starts the same agents again harmlessly.</summary>
    public List<HostedAgentOptions> HostedAgents { get; set; } = [];
}

/// <summary>One hosted agent to start: its kind (a registered agent kind), id, name and capacity.</summary>
public sealed class HostedAgentOptions
{
    public string Kind { get; set; } = "";

    public string Id { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public int Capacity { get; set; } = 1;
}
