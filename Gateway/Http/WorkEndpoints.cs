using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Work;
using static Orchestration.Gateway.Http.RequestRules;

namespace Orchestration.Gateway.Http;

/// <summary>Work items and their dependencies, the conflicts they raise, and the decisions that resolve them.</summary>
internal static class WorkEndpoints
{
    public static void Map(RouteGroupBuilder studio)
    {
        var work = studio.MapGroup("/work").WithTags("Work");
        work.MapPost("/", (Caller caller, IGrainFactory grains, WorkDeclaration declaration) =>
            Graph(grains, caller).DeclareWorkItem(
                Required(Required(declaration).Item) with { OwnerAgentId = caller.ActAs(declaration.Item.OwnerAgentId, "item.ownerAgentId") },
                declaration.Reason))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("Declare a work item the calling agent owns, or declare it again with new dates (how a slip is reported)");
        work.MapPost("/{itemId}/complete", (Caller caller, IGrainFactory grains, string itemId) =>
            Graph(grains, caller).CompleteWorkItem(new WorkItemCompletion(itemId, caller.Subject)))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("The calling agent finished one of its work items");
        work.MapGet("/", (Caller caller, IGrainFactory grains) => Graph(grains, caller).GetWorkItems())
            .WithSummary("Work items with their dependencies");
        work.MapGet("/{itemId}", async Task<WorkItem> (Caller caller, IGrainFactory grains, string itemId) =>
                await Graph(grains, caller).GetWorkItem(itemId) ?? throw NotFound.Of("itemId", $"no work item '{itemId}' in studio '{caller.StudioId}'"))
            .WithSummary("One work item as the studio has it: what an agent applies a decision's action item to");

        var conflicts = studio.MapGroup("/conflicts").WithTags("Conflicts and decisions");
        conflicts.MapGet("/", (Caller caller, IGrainFactory grains) => Graph(grains, caller).GetConflicts())
            .WithSummary("Active conflicts and the most recently closed");
        conflicts.MapGet("/{conflictId}", async Task<Conflict> (Caller caller, IGrainFactory grains, string conflictId) =>
                await Graph(grains, caller).GetConflict(conflictId) ?? throw NotFound.Of("conflictId", $"no conflict '{conflictId}' in studio '{caller.StudioId}'"))
            .WithSummary("One conflict of the studio's life, with its options and decision");
        conflicts.MapPost("/{conflictId}/acknowledge", (Caller caller, IGrainFactory grains, string conflictId, DecisionAcknowledgementRequest request) =>
            Graph(grains, caller).AcknowledgeDecision(new DecisionAcknowledgement(conflictId, Required(request).DecisionId, caller.ActAs(request.AgentId, "agentId"))))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("The calling agent applied its action items of the conflict's decision");
        conflicts.MapPost("/{conflictId}/approve", (Caller caller, IGrainFactory grains, string conflictId, ApproveDecision request) =>
            Graph(grains, caller).ApproveDecision(Required(request) with
            {
                ConflictId = SameId(conflictId, request.ConflictId, "conflictId"),
                By = caller.ActAs(request.By, "by"),
            }))
            .RequireAuthorization(GatewayPolicies.Approver)
            .WithSummary("Decide a held conflict: pick one of its options (recorded as the caller's decision)");
        conflicts.MapPost("/{conflictId}/override", (Caller caller, IGrainFactory grains, string conflictId, OverrideDecision request) =>
            Graph(grains, caller).OverrideDecision(Required(request) with
            {
                ConflictId = SameId(conflictId, request.ConflictId, "conflictId"),
                By = caller.ActAs(request.By, "by"),
            }))
            .RequireAuthorization(GatewayPolicies.Approver)
            .WithSummary("Replace the option of a decision already made (recorded with the caller and why)");

        var decisions = studio.MapGroup("/decisions").WithTags("Conflicts and decisions");
        decisions.MapGet("/", (Caller caller, IGrainFactory grains) => Graph(grains, caller).GetDecisionLog())
            .WithSummary("Decisions in force (the whole log is in the journal: kind DecisionRecorded)");
        decisions.MapGet("/pending", (Caller caller, IGrainFactory grains) => Graph(grains, caller).GetPendingDecisions())
            .WithSummary("Conflicts held for a human decision");
        decisions.MapPost("/follow-up", (Caller caller, IGrainFactory grains) => Graph(grains, caller).FollowUpActionItems())
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithSummary("Flag overdue action items now");
    }

    private static IWorkGraphGrain Graph(IGrainFactory grains, Caller caller) => grains.GetGrain<IWorkGraphGrain>(caller.StudioId);
}
