namespace Orchestration.Grains.Interfaces.Identity;

/// <summary>A credential as its studio keeps it; the secret itself is never stored, only its hash.</summary>
/// <param name="CredentialId">Names the credential in lists and revocations (not secret).</param>
/// <param name="Subject">Who it authenticates: an agent id for <see cref="CredentialRole.Agent"/>, a person's name otherwise.
/// Everything done with it is recorded under this name.</param>
/// <param name="IssuedBy">The operator who issued it (the caller that issued it: an operator credential, or <c>root</c>).</param>
/// <param name="Agents">A <see cref="CredentialRole.Service"/> credential's agents: the agent ids it acts as (<c>*</c>: every
/// agent of the studio). Empty for every other role.</param>
[GenerateSerializer, Immutable, Alias("orch.Credential")]
public sealed record Credential(
    string CredentialId,
    string StudioId,
    string Subject,
    CredentialRole Role,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null,
    IReadOnlyList<string>? Agents = null)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>Asks for a new credential in the studio. <paramref name="IssuedBy"/> is the caller (left empty, it is filled
/// in); <paramref name="Agents"/> is for a service credential only.</summary>
[GenerateSerializer, Immutable, Alias("orch.CredentialRequest")]
public sealed record CredentialRequest(string Subject, CredentialRole Role, string IssuedBy = "", IReadOnlyList<string>? Agents = null);

/// <summary>A new credential and its bearer token. The token is shown this once: the studio keeps only its hash.</summary>
[GenerateSerializer, Immutable, Alias("orch.IssuedCredential")]
public sealed record IssuedCredential(Credential Credential, string Token);

/// <summary>Revokes a credential: from the next request on, its token is refused.</summary>
[GenerateSerializer, Immutable, Alias("orch.CredentialRevocation")]
public sealed record CredentialRevocation(string CredentialId, string RevokedBy = "");
