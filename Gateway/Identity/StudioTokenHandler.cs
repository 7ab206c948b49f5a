using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Gateway.Identity;

/// <summary>
/// Authenticates <c>Authorization: Bearer orch.…</c> against the token's studio on every request, with no cache: a
/// revoked credential is refused from the next request on. It never logs a token, nor any part of its secret.
/// </summary>
public sealed class StudioTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("the Authorization header is not a bearer token");

        var token = header["Bearer ".Length..].Trim();
        if (!CredentialToken.TryParse(token, out var parsed))
            return AuthenticateResult.Fail("the bearer token is not a studio credential");

        var credential = await grains.GetGrain<ICredentialsGrain>(parsed.StudioId).Authenticate(token);
        if (credential is null)
            return AuthenticateResult.Fail($"credential {parsed.CredentialId} of studio '{parsed.StudioId}' is unknown, revoked, or its secret is wrong");

        var identity = new ClaimsIdentity(
        [
            new Claim(GatewayClaims.Studio, credential.StudioId),
            new Claim(GatewayClaims.Subject, credential.Subject),
            new Claim(GatewayClaims.Credential, credential.CredentialId),
            new Claim(ClaimTypes.Name, credential.Subject),
            new Claim(ClaimTypes.Role, GatewayClaims.RoleName(credential.Role)),
        ], Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
