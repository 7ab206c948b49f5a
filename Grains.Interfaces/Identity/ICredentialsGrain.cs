using Orleans.Concurrency;

namespace Orchestration.Grains.Interfaces.Identity;

/// <summary>
/// The studio's credentials (key: studio id): per-agent and per-person bearer tokens for the HTTP API and the MCP
/// server, issued and revoked by an operator (the CLI, over the trusted Orleans gateway). Tokens are stored hashed;
/// a revoked token is refused from the next request on, since every request is checked here.
/// </summary>
[Alias("orch.ICredentialsGrain")]
public interface ICredentialsGrain : IGrainWithStringKey
{
    [Alias("Issue")]
    Task<IssuedCredential> Issue(CredentialRequest request);

    [Alias("Revoke")]
    Task<Credential> Revoke(CredentialRevocation revocation);

    [ReadOnly, Alias("List")]
    Task<IReadOnlyList<Credential>> List();

    /// <summary>The live credential the token proves, or null for a token that is unknown, wrong, revoked or of another studio.</summary>
    [ReadOnly, Alias("Authenticate")]
    Task<Credential?> Authenticate(string token);
}
