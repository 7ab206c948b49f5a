using Orchestration.Grains.Interfaces.Conflicts;
using Orleans.Concurrency;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Work;

/// <summary>
/// The studio's work graph (key: studio id): the work items agents declare, with their cross-agent dependencies, the
/// conflicts a change raises along the graph, and the decisions that resolve them (the seed's Workflow 2). Detection,
/// decision and superseding happen in one step, so they share one grain.
/// </summary>
[ScopedBy(StudioScope.Studio)]
[Alias("orch.IWorkGraphGrain")]
public interface IWorkGraphGrain : IGrainWithStringKey
{
    /// <summary>Records an agent's work item (new, or new dates) and raises the conflicts it creates along the
    /// dependency graph; the strategy's policy decides each, or holds it for a human.</summary>
    [CallableBy(Callers.Agents)]
    [ActsAs("item.OwnerAgentId", Agent = true)]
    [Alias("DeclareWorkItem")]
    Task<WorkItemReceipt> DeclareWorkItem(WorkItem item, string reason);

    /// <summary>The owner finished a work item (a release shipped, an experiment concluded).</summary>
    [CallableBy(Callers.Agents)]
    [ActsAs("completion.AgentId", Agent = true)]
    [Alias("CompleteWorkItem")]
    Task<CompletedWork> CompleteWorkItem(WorkItemCompletion completion);

    [CallableBy(Callers.Approvers)]
    [ActsAs("request.By")]
    [Alias("ApproveDecision")]
    Task<Conflict> ApproveDecision(ApproveDecision request);

    [CallableBy(Callers.Approvers)]
    [ActsAs("request.By")]
    [Alias("OverrideDecision")]
    Task<Conflict> OverrideDecision(OverrideDecision request);

    [CallableBy(Callers.Agents)]
    [ActsAs("acknowledgement.AgentId", Agent = true)]
    [Alias("AcknowledgeDecision")]
    Task<Conflict> AcknowledgeDecision(DecisionAcknowledgement acknowledgement);

    /// <summary>Flags action items past their due date and tells their agents. A reminder runs it periodically.</summary>
    [CallableBy(Callers.Operators)]
    [Alias("FollowUpActionItems")]
    Task<IReadOnlyList<ActionItem>> FollowUpActionItems();

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetWorkItems")]
    Task<IReadOnlyList<WorkItem>> GetWorkItems();

    /// <summary>One work item as the studio has it (null if it is not in the active graph): what an agent applies an
    /// action item to.</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetWorkItem")]
    Task<WorkItem?> GetWorkItem(string itemId);

    /// <summary>Active conflicts and the 25 most recently closed, newest first.</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetConflicts")]
    Task<IReadOnlyList<Conflict>> GetConflicts();

    /// <summary>Any conflict of the studio's life: active, recently closed, or filed in its record grain.</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetConflict")]
    Task<Conflict?> GetConflict(string conflictId);

    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetPendingDecisions")]
    Task<IReadOnlyList<Conflict>> GetPendingDecisions();

    /// <summary>The decisions in force on active and recently closed conflicts, oldest first: chosen option,
    /// rationale, rejected options, mitigation, action items. The whole log is the journal's (<c>ReadDecisionHistoryAsync</c>).</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("GetDecisionLog")]
    Task<IReadOnlyList<Decision>> GetDecisionLog();
}
