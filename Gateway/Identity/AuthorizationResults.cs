using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Orchestration.Gateway.Http;

namespace Orchestration.Gateway.Identity;

/// <summary>
/// 401 and 403 as problem details that say what is missing: no token, a token refused (unknown, revoked, wrong
/// secret), or a role that may not do this.
/// </summary>
internal sealed class AuthorizationResults(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            // The handler caches its result for the request, so this asks the studio nothing new.
            var failure = (await context.AuthenticateAsync(GatewayClaims.Scheme)).Failure?.Message;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Write(context, GatewayErrors.Refusal(StatusCodes.Status401Unauthorized, "Not authenticated", "authorization",
                failure ?? "send 'Authorization: Bearer <token>' with a studio credential (issued by an operator: orchestration credentials issue)"));
            return;
        }

        if (result.Forbidden)
        {
            var roles = result.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList() ?? [];
            var caller = Caller.From(context.User);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Write(context, GatewayErrors.Refusal(StatusCodes.Status403Forbidden, "Not permitted", "role",
                $"this credential is {(caller is null ? "not valid here" : $"'{caller.Subject}' ({GatewayClaims.RoleName(caller.Role)})")}; this operation needs the role {string.Join(" or ", roles)}"));
            return;
        }

        await _default.HandleAsync(next, context, policy, result);
    }

    private async Task Write(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
}
