using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Gateway.Http;

/// <summary>
/// Stakeholder requests from other systems (a CRM, a ticket desk): a signed webhook becomes an escalation with the
/// seed's 24-hour SLA. No bearer token: the signature (HMAC-SHA256 of <c>{timestamp}.{body}</c> with the studio's
/// inbound key, within a 5-minute window) is the authentication, and the request is raised as the credential the
/// operator configured for that sender.
/// </summary>
internal static class InboundEndpoints
{
    private const int MaxBody = 16 * 1024;

    // A group of its own, so the endpoint comes after the studio's in every host's OpenAPI document.
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/v1/inbound").MapPost("/{studio}/stakeholder-requests", Receive).AllowAnonymous().WithTags("Inbound")
            .WithSummary("A stakeholder request from another system, signed like the studio's own webhooks (Orchestration-Timestamp, Orchestration-Signature)")
            .Produces<Escalation>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> Receive(HttpContext context, string studio, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        if (!options.Value.Inbound.TryGetValue(studio, out var inbound) || inbound.Secret.Length < 16 || inbound.Credential.Length == 0)
            throw NotFound.Of("studio", $"studio '{studio}' takes no inbound webhooks");
        if (context.Request.ContentLength > MaxBody) throw new InvalidRequestException("body", $"is larger than {MaxBody} bytes");
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (body.Length > MaxBody) throw new InvalidRequestException("body", $"is larger than {MaxBody} bytes");
        if (!WebhookSignature.Verify(Encoding.UTF8.GetBytes(inbound.Secret), context.Request.Headers[WebhookSignature.TimestampHeader], body,
                context.Request.Headers[WebhookSignature.SignatureHeader], TimeProvider.System.GetUtcNow()))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed",
                detail: $"{WebhookSignature.SignatureHeader}: missing, wrong, or its {WebhookSignature.TimestampHeader} is more than 5 minutes from now",
                extensions: new Dictionary<string, object?> { ["field"] = "signature" });

        InboundRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<InboundRequest>(body, GatewayJson.Options);
        }
        catch (JsonException malformed)
        {
            throw new InvalidRequestException("body", malformed.Message.Split(" Path:", 2)[0]);
        }

        request = RequestRules.Required(request);
        var requestId = RequestRules.IdOrKey(request.RequestId, context.Request.Headers[WebhookSignature.IdempotencyHeader]) ?? "";
        var summary = string.IsNullOrWhiteSpace(request.From) ? request.Summary : $"{request.Summary} (for {request.From})";
        Orleans.Runtime.RequestContext.Set(OrchestrationIdentity.RequestContextKey, inbound.Credential);
        return Results.Ok(await grains.GetGrain<IEscalationsGrain>(studio).RaiseStakeholderRequest(new StakeholderRequest(requestId, "", summary, request.ProjectId)));
    }
}

/// <summary>What a sending system posts: the request's id (or the Idempotency-Key header), what is asked, on whose
/// behalf (recorded in the summary; the studio records the sender as who asked), and the project if any.</summary>
public sealed record InboundRequest(string? RequestId, string Summary, string? From = null, string? ProjectId = null);
