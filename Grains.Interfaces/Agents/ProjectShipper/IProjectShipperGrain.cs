using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Agents.ProjectShipper;

/// <summary>The Project Shipper agent (key: agent id). Keeps its release queue ordered by the studio's current priorities.</summary>
[ScopedBy(StudioScope.Agent)]
[Alias("orch.IProjectShipperGrain")]
public interface IProjectShipperGrain : IAgentGrain
{
    /// <summary>Adds or replaces a release (idempotent by release id) and declares it to the Producer.</summary>
    [CallableBy(Callers.Agents | Callers.Operators)]
    [Alias("PlanRelease")]
    Task<WorkItemReceipt> PlanRelease(ReleasePlan plan);

    /// <summary>Ships a release and hands its metrics and user feedback to a Tracker.</summary>
    [CallableBy(Callers.Agents | Callers.Operators)]
    [Alias("ShipRelease")]
    Task<HandoffRecord> ShipRelease(ReleaseShipped shipped);

    /// <summary>Winning experiments other agents handed this Shipper to implement.</summary>
    [CallableBy(Callers.Anyone)]
    [Alias("GetReceivedHandoffs")]
    Task<IReadOnlyList<ReceivedHandoff>> GetReceivedHandoffs();

    /// <summary>Releases in the order the current strategy ranks them: the next to ship first.</summary>
    [CallableBy(Callers.Anyone)]
    [Alias("GetReleaseQueue")]
    Task<IReadOnlyList<ReleasePlan>> GetReleaseQueue();
}
