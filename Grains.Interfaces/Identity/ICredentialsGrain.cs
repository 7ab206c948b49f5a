using Orleans.Concurrency;

namespace Orchestration.Grains.Interfaces.Identity;

/// <summary>
/// The studio's credentials (key: studio id): per-agent, per-service and per-person bearer tokens for every path —
/// the Orleans client, the HTTP API and the MCP server — issued and revoked by an operator (or the cluster's root
/// credential, which is how the first operator gets one). Tokens are stored hashed.
/// </summary>
[ScopedBy(StudioScope.Studio)]
[Alias("orch.ICredentialsGrain")]
public interface ICredentialsGrain : IGrainWithStringKey
{
    [CallableBy(Callers.Operators)]
    [ActsAs("request.IssuedBy")]
    [Alias("Issue")]
    Task<IssuedCredential> Issue(CredentialRequest request);

    [CallableBy(Callers.Operators)]
    [ActsAs("revocation.RevokedBy")]
    [Alias("Revoke")]
    Task<Credential> Revoke(CredentialRevocation revocation);

    [CallableBy(Callers.Operators)]
    [ReadOnly, Alias("List")]
    Task<IReadOnlyList<Credential>> List();

    /// <summary>The live credential the token proves, or null for a token that is unknown, wrong, revoked or of another studio.</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("Authenticate")]
    Task<Credential?> Authenticate(string token);

    /// <summary>Who this call was made as, as the silo established it from the caller's credential.</summary>
    [CallableBy(Callers.Anyone)]
    [ReadOnly, Alias("WhoAmI")]
    Task<CallerIdentity> WhoAmI();
}
