using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.Gateway.Http;
using Orchestration.Gateway.Identity;
using Orchestration.Gateway.Mcp;
using Orchestration.Grains.Interfaces.Identity;
using Scalar.AspNetCore;

namespace Orchestration.Gateway;

/// <summary>
/// Adds the gateway to a web host whose services hold an <see cref="IGrainFactory"/> (a silo, or an Orleans client):
/// <c>services.AddOrchestrationGateway()</c>, then <c>app.MapOrchestrationGateway()</c>.
/// </summary>
public static class GatewayHosting
{
    public const string RoutePrefix = "/v1/studios/{studio}";
    public const string OpenApiPath = "/openapi/v1.json";
    public const string McpPath = "/mcp";
    private const string PerCredential = "per-credential";

    public static IServiceCollection AddOrchestrationGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<JsonOptions>(o => GatewayJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // malformed bodies reach GatewayErrors, which names the field
        services.AddProblemDetails();
        services.AddExceptionHandler<GatewayErrors>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, StudioTokenHandler>(GatewayClaims.Scheme, null);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationResults>();
        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Reader, p => Roles(p))
            .AddPolicy(GatewayPolicies.Agent, p => Roles(p, CredentialRole.Agent))
            .AddPolicy(GatewayPolicies.Operator, p => Roles(p, CredentialRole.Operator))
            .AddPolicy(GatewayPolicies.Approver, p => Roles(p, CredentialRole.Approver))
            .AddPolicy(GatewayPolicies.Requester, p => Roles(p, CredentialRole.Operator, CredentialRole.Stakeholder))
            .AddPolicy(GatewayPolicies.Contributor, p => Roles(p, CredentialRole.Agent, CredentialRole.Operator));

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerCredential, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                var key = Caller.From(context.User)?.CredentialId ?? "anonymous:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst, TokensPerPeriod = options.PermitsPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0, AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = GatewayErrors.Refusal(StatusCodes.Status429TooManyRequests, "Too many requests", "authorization",
                        $"this credential sent more than its rate allows; retry after {seconds} s"),
                });
            };
        });

        services.AddMcpServer(o => o.ServerInfo = new ModelContextProtocol.Protocol.Implementation { Name = "orchestration", Title = "Studio Producer", Version = "1" })
            .WithHttpTransport(o => o.Stateless = true) // any silo answers any request: no session to pin
            .AddAuthorizationFilters()
            .WithRequestFilters(filters => filters.AddCallToolFilter(McpRefusals.Filter))
            .WithTools(StudioToolCatalog.Create())
            .WithResources<StudioResources>();

        services.AddOpenApi("v1", o => o.AddDocumentTransformer<GatewayOpenApi>().AddSchemaTransformer<GatewaySchemas>());
        return services;
    }

    public static WebApplication MapOrchestrationGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.Use(ForwardCredential);
        app.UseAuthorization();
        app.UseRateLimiter();

        var studio = app.MapGroup(RoutePrefix)
            .RequireAuthorization(GatewayPolicies.Reader)
            .AddEndpointFilter<StudioPathFilter>()
            .RequireRateLimiting(PerCredential)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        StudioEndpoints.Map(studio);
        AgentEndpoints.Map(studio);
        WorkEndpoints.Map(studio);
        PortfolioEndpoints.Map(studio);
        NotificationEndpoints.Map(studio);
        InboundEndpoints.Map(app);
        Feeds.FeedEndpoints.Map(studio);

        app.MapMcp(McpPath).RequireAuthorization(GatewayPolicies.Reader).RequireRateLimiting(PerCredential);
        app.MapOpenApi(OpenApiPath);
        app.MapScalarApiReference("/api", o => o.WithTitle("Orchestration API").WithOpenApiRoutePattern(OpenApiPath));
        return app;
    }

    /// <summary>
    /// The grains check every caller too: the request's own credential rides each grain call it makes (Orleans'
    /// request context, as the client library sends it), so the studio applies the same rules to an HTTP or MCP caller
    /// as to an Orleans client, and records the same name. Only a credential the gateway authenticated is forwarded.
    /// </summary>
    private static Task ForwardCredential(HttpContext context, Func<Task> next)
    {
        if (Caller.From(context.User) is not null
            && context.Request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            Orleans.Runtime.RequestContext.Set(OrchestrationIdentity.RequestContextKey, header["Bearer ".Length..].Trim());
        return next();
    }

    private static void Roles(AuthorizationPolicyBuilder policy, params CredentialRole[] roles)
    {
        policy.AddAuthenticationSchemes(GatewayClaims.Scheme).RequireAuthenticatedUser();
        if (roles.Length > 0) policy.RequireRole(roles.Select(GatewayClaims.RoleName));
    }
}
