using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Agents.ExperimentTracker;

/// <summary>The Experiment Tracker agent (key: agent id). Keeps its experiments ranked by the studio's current priorities.</summary>
[ScopedBy(StudioScope.Agent)]
[Alias("orch.IExperimentTrackerGrain")]
public interface IExperimentTrackerGrain : IAgentGrain
{
    /// <summary>Adds or replaces an experiment (idempotent by experiment id) and declares it to the Producer.</summary>
    [CallableBy(Callers.Agents | Callers.Operators)]
    [Alias("PlanExperiment")]
    Task<WorkItemReceipt> PlanExperiment(ExperimentPlan plan);

    /// <summary>"E needs three more weeks": moves the planned end; the Producer looks for the conflicts this creates.</summary>
    [CallableBy(Callers.Agents | Callers.Operators)]
    [Alias("ExtendExperiment")]
    Task<WorkItemReceipt> ExtendExperiment(string experimentId, int days, string reason);

    /// <summary>
    /// Hands a winning experiment's implementation spec and priority to a Shipper. The experiment is complete; its
    /// winner stays with the Tracker until a Shipper accepts it: concluding again after a rejection offers it to the
    /// agent named then (a new handoff). Refused while an offer waits for its answer, and once the winner is accepted.
    /// </summary>
    [CallableBy(Callers.Agents | Callers.Operators)]
    [Alias("ConcludeExperiment")]
    Task<HandoffRecord> ConcludeExperiment(ExperimentConclusion conclusion);

    /// <summary>Concluded experiments' winners and where each is in being handed on, most recent last.</summary>
    [CallableBy(Callers.Anyone)]
    [Alias("GetWinners")]
    Task<IReadOnlyList<WinnerHandoff>> GetWinners();

    /// <summary>Release metrics and feedback other agents handed this Tracker.</summary>
    [CallableBy(Callers.Anyone)]
    [Alias("GetReceivedHandoffs")]
    Task<IReadOnlyList<ReceivedHandoff>> GetReceivedHandoffs();

    /// <summary>Experiments in the order the current strategy ranks them.</summary>
    [CallableBy(Callers.Anyone)]
    [Alias("GetExperimentQueue")]
    Task<IReadOnlyList<ExperimentPlan>> GetExperimentQueue();
}
