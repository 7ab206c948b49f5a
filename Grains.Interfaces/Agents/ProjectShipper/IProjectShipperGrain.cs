namespace Orchestration.Grains.Interfaces.Agents.ProjectShipper;

/// <summary>The Project Shipper agent (key: agent id). Keeps its release queue ordered by the studio's current priorities.</summary>
[Alias("orch.IProjectShipperGrain")]
public interface IProjectShipperGrain : IAgentGrain
{
    /// <summary>Adds or replaces a release (idempotent by release id).</summary>
    [Alias("PlanRelease")]
    Task PlanRelease(ReleasePlan plan);

    /// <summary>Releases in the order the current strategy ranks them: the next to ship first.</summary>
    [Alias("GetReleaseQueue")]
    Task<IReadOnlyList<ReleasePlan>> GetReleaseQueue();
}
