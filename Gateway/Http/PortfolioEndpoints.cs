using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using static Orchestration.Gateway.Http.RequestRules;

namespace Orchestration.Gateway.Http;

/// <summary>Projects and their health, OKRs and initiatives, metrics and briefings, and escalations.</summary>
internal static class PortfolioEndpoints
{
    public static void Map(RouteGroupBuilder studio)
    {
        var projects = studio.MapGroup("/projects").WithTags("Portfolio");
        projects.MapGet("/", (Caller caller, IGrainFactory grains) => Portfolio(grains, caller).GetProjects())
            .WithSummary("Projects with their status, reviews and interventions");
        projects.MapPost("/", (Caller caller, IGrainFactory grains, ProjectDeclaration project) => Portfolio(grains, caller).DeclareProject(Required(project)))
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithSummary("Declare a project (or declare it again with changes)");
        projects.MapPost("/{projectId}/status", (Caller caller, IGrainFactory grains, string projectId, StatusReport report) =>
            Portfolio(grains, caller).ReportProjectStatus(Required(report) with
            {
                ProjectId = SameId(projectId, report.ProjectId, "projectId"),
                AgentId = caller.ActAs(report.AgentId, "agentId"),
            }))
            .RequireAuthorization(GatewayPolicies.Agent)
            .WithSummary("The calling agent reports its project's status (green, yellow, red) and why");
        projects.MapPost("/review", (Caller caller, IGrainFactory grains) => Portfolio(grains, caller).RunHealthReview())
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithSummary("Run the health review now");
        studio.MapPost("/issues", (Caller caller, IGrainFactory grains, ResolvedIssue issue) =>
            Portfolio(grains, caller).LogResolvedIssue(Required(issue) with { AgentId = caller.ActAs(issue.AgentId, "agentId") }))
            .RequireAuthorization(GatewayPolicies.Agent).WithTags("Portfolio")
            .WithSummary("Log an issue the calling agent cleared itself (counted, not escalated)");

        var okrs = studio.MapGroup("/objectives").WithTags("OKRs");
        okrs.MapGet("/", (Caller caller, IGrainFactory grains) => Portfolio(grains, caller).GetObjectives()).WithSummary("Objectives and key results");
        okrs.MapPost("/", (Caller caller, IGrainFactory grains, Objective objective) => Portfolio(grains, caller).SetObjective(Required(objective)))
            .RequireAuthorization(GatewayPolicies.Operator).WithSummary("Set an objective and its key results");
        okrs.MapPost("/{objectiveId}/key-results", (Caller caller, IGrainFactory grains, string objectiveId, KeyResultUpdate update) =>
            Portfolio(grains, caller).UpdateKeyResult(Required(update) with { ObjectiveId = SameId(objectiveId, update.ObjectiveId, "objectiveId") }))
            .RequireAuthorization(GatewayPolicies.Contributor).WithSummary("A new value for a key result (idempotent by updateId)");
        okrs.MapPost("/{objectiveId}/adjustments", (Caller caller, IGrainFactory grains, string objectiveId, ObjectiveAdjustment adjustment) =>
            Portfolio(grains, caller).AdjustObjective(Required(adjustment) with
            {
                ObjectiveId = SameId(objectiveId, adjustment.ObjectiveId, "objectiveId"),
                By = caller.ActAs(adjustment.By, "by"),
            }))
            .RequireAuthorization(GatewayPolicies.Operator).WithSummary("Adjust key result targets mid-quarter (recorded with the caller and why)");
        studio.MapPost("/quarters/close", (Caller caller, IGrainFactory grains, QuarterClose close) => Portfolio(grains, caller).CloseQuarter(Required(close)))
            .RequireAuthorization(GatewayPolicies.Operator).WithTags("OKRs").WithSummary("Close a quarter: score its objectives, record the retrospective");
        studio.MapGet("/retrospectives", (Caller caller, IGrainFactory grains) => Portfolio(grains, caller).GetRetrospectives()).WithTags("OKRs").WithSummary("Quarter retrospectives");
        var initiatives = studio.MapGroup("/initiatives").WithTags("OKRs");
        initiatives.MapGet("/", (Caller caller, IGrainFactory grains) => Portfolio(grains, caller).GetInitiatives()).WithSummary("Initiatives");
        initiatives.MapPost("/", (Caller caller, IGrainFactory grains, Initiative initiative) => Portfolio(grains, caller).DeclareInitiative(Required(initiative)))
            .RequireAuthorization(GatewayPolicies.Operator).WithSummary("Declare an initiative");

        var metrics = studio.MapGroup("/metrics").WithTags("Metrics");
        metrics.MapGet("/", (Caller caller, IGrainFactory grains) => Portfolio(grains, caller).GetMetrics()).WithSummary("Every seed metric with target, standing and trend");
        metrics.MapPost("/samples", (Caller caller, IGrainFactory grains, MetricSample sample) =>
            Portfolio(grains, caller).ReportMetricSample(Required(sample) with { Source = caller.ActAs(sample.Source, "source") }))
            .RequireAuthorization(GatewayPolicies.Contributor).WithSummary("A value for a metric that comes from outside, under the caller's name");
        studio.MapGet("/briefing", (Caller caller, IGrainFactory grains, int? days) =>
                Portfolio(grains, caller).GetBriefing(days is null ? 7 : days.Value is >= 1 and <= 366 ? days.Value
                    : throw new InvalidRequestException("days", $"is {days}; use 1 to 366")))
            .WithTags("Metrics").WithSummary("What the weekly sync and the stakeholder update draw on, over the last days (default 7)");

        var escalations = studio.MapGroup("/escalations").WithTags("Escalations");
        escalations.MapGet("/", (Caller caller, IGrainFactory grains) => Escalations(grains, caller).GetEscalations()).WithSummary("Open escalations and the most recently resolved");
        escalations.MapPost("/requests", (Caller caller, IGrainFactory grains, StakeholderRequest request) =>
            Escalations(grains, caller).RaiseStakeholderRequest(Required(request) with { Stakeholder = caller.ActAs(request.Stakeholder, "stakeholder") }))
            .RequireAuthorization(GatewayPolicies.Requester).WithSummary("Raise a stakeholder request in the caller's name (24 h SLA)");
        escalations.MapPost("/{escalationId}/acknowledge", (Caller caller, IGrainFactory grains, string escalationId, EscalationAcknowledgement request) =>
            Escalations(grains, caller).AcknowledgeEscalation(Required(request) with
            {
                EscalationId = SameId(escalationId, request.EscalationId, "escalationId"),
                By = caller.ActAs(request.By, "by"),
            }))
            .RequireAuthorization(GatewayPolicies.Operator).WithSummary("Acknowledge an escalation and name its assignee");
        escalations.MapPost("/{escalationId}/resolve", (Caller caller, IGrainFactory grains, string escalationId, EscalationResolution request) =>
            Escalations(grains, caller).ResolveEscalation(Required(request) with
            {
                EscalationId = SameId(escalationId, request.EscalationId, "escalationId"),
                By = caller.ActAs(request.By, "by"),
            }))
            .RequireAuthorization(GatewayPolicies.Operator).WithSummary("Resolve an escalation");
        escalations.MapPost("/check", (Caller caller, IGrainFactory grains) => Escalations(grains, caller).CheckEscalationSlas())
            .RequireAuthorization(GatewayPolicies.Operator).WithSummary("Check SLAs now");
    }

    private static IPortfolioGrain Portfolio(IGrainFactory grains, Caller caller) => grains.GetGrain<IPortfolioGrain>(caller.StudioId);

    private static IEscalationsGrain Escalations(IGrainFactory grains, Caller caller) => grains.GetGrain<IEscalationsGrain>(caller.StudioId);
}
