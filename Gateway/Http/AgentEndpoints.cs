using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using static Orchestration.Gateway.Http.RequestRules;

namespace Orchestration.Gateway.Http;

/// <summary>What agents do with the Producer: register, report blockers and risks, hand work to each other.</summary>
internal static class AgentEndpoints
{
    public static void Map(RouteGroupBuilder studio)
    {
        var agents = studio.MapGroup("/agents").WithTags("Agents");
        agents.MapPost("/", (Caller caller, IGrainFactory grains, AgentRegistration registration) =>
            Producer(grains, caller).RegisterAgent(Required(registration) with
            {
                AgentId = caller.ActAs(registration.AgentId, "agentId"),
                Hosting = AgentHosting.External,
            }))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("Register the calling agent (idempotent: the same registration again changes nothing)");
        agents.MapGet("/", (Caller caller, IGrainFactory grains) => Producer(grains, caller).GetAgents())
            .WithSummary("The studio's agents");

        var reports = studio.MapGroup("/reports").WithTags("Reports");
        reports.MapPost("/blockers", (Caller caller, IGrainFactory grains, BlockerReport report, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? key) =>
            Producer(grains, caller).ReportBlocker(Required(report) with
            {
                ReportId = IdOrKey(report.ReportId, key)!,
                AgentId = caller.ActAs(report.AgentId, "agentId"),
            }))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("Report a blocker as the calling agent (idempotent by reportId, or the Idempotency-Key header)");
        reports.MapPost("/risks", (Caller caller, IGrainFactory grains, RiskReport report, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? key) =>
            Producer(grains, caller).ReportRisk(Required(report) with
            {
                ReportId = IdOrKey(report.ReportId, key)!,
                AgentId = caller.ActAs(report.AgentId, "agentId"),
            }))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("Report a risk as the calling agent (idempotent by reportId, or the Idempotency-Key header)");
        reports.MapGet("/", (Caller caller, IGrainFactory grains) => Producer(grains, caller).GetOpenReports())
            .WithSummary("Open blockers and risks");
        reports.MapGet("/{reportId}", async Task<ReportRecord> (Caller caller, IGrainFactory grains, string reportId) =>
                await Producer(grains, caller).GetReport(reportId) ?? throw NotFound.Of("reportId", $"no report '{reportId}' in studio '{caller.StudioId}'"))
            .WithSummary("One report, open or resolved");
        reports.MapPost("/{reportId}/resolve", async (Caller caller, IGrainFactory grains, string reportId, ReportResolutionRequest request) =>
            {
                var producer = Producer(grains, caller);
                // An agent closes only what it reported; an operator closes any report.
                if (caller.IsAgent && await producer.GetReport(reportId) is { } report && report.AgentId != caller.Subject)
                    throw new CallerMismatchException("reportId", $"'{reportId}' was reported by '{report.AgentId}': an agent resolves only its own reports");
                return await producer.ResolveReport(new ResolveReport(reportId, caller.ActAs(Required(request).ResolvedBy, "resolvedBy"), request.Resolution));
            })
            .RequireAuthorization(GatewayPolicies.Contributor)
            .WithSummary("Resolve a blocker or risk (an agent its own; an operator any)");

        var handoffs = studio.MapGroup("/handoffs").WithTags("Handoffs");
        handoffs.MapPost("/", (Caller caller, IGrainFactory grains, HandoffOffer offer) =>
            Producer(grains, caller).OfferHandoff(Required(offer) with { FromAgentId = caller.ActAs(offer.FromAgentId, "fromAgentId") }))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("Offer a handoff from the calling agent to another");
        handoffs.MapPost("/{handoffId}/response", (Caller caller, IGrainFactory grains, string handoffId, HandoffResponse response) =>
            Producer(grains, caller).RespondToHandoff(Required(response) with
            {
                HandoffId = SameId(handoffId, response.HandoffId, "handoffId"),
                AgentId = caller.ActAs(response.AgentId, "agentId"),
            }))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("Accept or reject a handoff addressed to the calling agent");
        handoffs.MapGet("/", (Caller caller, IGrainFactory grains) => Producer(grains, caller).GetHandoffs())
            .WithSummary("Open handoffs and the most recently settled");
    }

    private static IProducerGrain Producer(IGrainFactory grains, Caller caller) => grains.GetGrain<IProducerGrain>(caller.StudioId);
}
