using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Grains.Identity;

[GenerateSerializer, Alias("orch.CredentialsState")]
public sealed class CredentialsState
{
    [Id(0)] public Dictionary<string, StoredCredential> Credentials { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A credential and the SHA-256 of its secret (the secret is 32 random bytes, so a fast hash is enough).</summary>
[GenerateSerializer, Immutable, Alias("orch.StoredCredential")]
public sealed record StoredCredential([property: Id(0)] Credential Credential, [property: Id(1)] byte[] SecretHash);

/// <summary>
/// Issues, revokes and checks a studio's credentials. It calls no other grain. Checks are read-only and interleave,
/// and a revocation is stored before it answers, so the next check refuses the token.
/// </summary>
public sealed class CredentialsGrain(
    [PersistentState("credentials", StudioStreams.Storage)] IPersistentState<CredentialsState> state,
    [FromKeyedServices(StudioClock.Key)] TimeProvider clock,
    CredentialCache cache) : Grain, ICredentialsGrain
{
    /// <summary>Credentials one studio holds at most, revoked ones included (they stay, as the record of who held what).</summary>
    public const int MaxCredentials = 25_000;

    /// <summary>Agents one service credential may name (or <c>*</c>, every agent of the studio).</summary>
    public const int MaxServiceAgents = 1_000;

    public string StudioId => this.GetPrimaryKeyString();

    public async Task<IssuedCredential> Issue(CredentialRequest request)
    {
        request = Require.Present(request, "request");
        var subject = Require.Id(request.Subject, "request.subject");
        var issuedBy = Require.Id(request.IssuedBy, "request.issuedBy");
        if (!Enum.IsDefined(request.Role))
            throw new InvalidRequestException("request.role", $"is {(int)request.Role}; use agent, operator, approver, stakeholder or service");
        var agents = Agents(request);
        if (state.State.Credentials.Count >= MaxCredentials)
            throw new InvalidRequestException("request", $"the studio holds {MaxCredentials:N0} credentials, the most it may; revoked ones are kept as the record");

        var id = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var credential = new Credential(id, StudioId, subject, request.Role, clock.GetUtcNow(), issuedBy, Agents: agents);
        state.State.Credentials[id] = new StoredCredential(credential, Hash(secret));
        await Write(() => state.State.Credentials.Remove(id));
        return new IssuedCredential(credential, new CredentialToken(StudioId, id, secret).ToString());
    }

    public async Task<Credential> Revoke(CredentialRevocation revocation)
    {
        revocation = Require.Present(revocation, "revocation");
        var id = Require.Id(revocation.CredentialId, "revocation.credentialId");
        var by = Require.Id(revocation.RevokedBy, "revocation.revokedBy");
        if (!state.State.Credentials.TryGetValue(id, out var stored))
            throw new InvalidRequestException("revocation.credentialId", $"'{id}' is not a credential of studio '{StudioId}'");
        if (stored.Credential.IsRevoked) return stored.Credential; // a retry: revoked once

        state.State.Credentials[id] = stored with { Credential = stored.Credential with { RevokedAt = clock.GetUtcNow(), RevokedBy = by } };
        await Write(() => state.State.Credentials[id] = stored);
        cache.Forget(id); // refused at once on this silo; the others within IdentityOptions.CredentialCacheFor
        return state.State.Credentials[id].Credential;
    }

    public Task<IReadOnlyList<Credential>> List() =>
        Task.FromResult<IReadOnlyList<Credential>>([.. state.State.Credentials.Values.Select(c => c.Credential).OrderBy(c => c.IssuedAt).ThenBy(c => c.CredentialId, StringComparer.Ordinal)]);

    public Task<Credential?> Authenticate(string token) => Task.FromResult(Check(token));

    public Task<CallerIdentity> WhoAmI() =>
        Task.FromResult((Acting.Current ?? throw new InvalidOperationException("a call reached the grain without the caller gate")).Identity);

    /// <summary>The live credential the token proves, or null (also what the caller gate asks of this grain directly
    /// when a call to this very grain must be checked).</summary>
    internal Credential? Check(string token) =>
        CredentialToken.TryParse(token, out var parsed) && parsed.StudioId == StudioId
        && state.State.Credentials.TryGetValue(parsed.CredentialId, out var stored) && !stored.Credential.IsRevoked
        && CryptographicOperations.FixedTimeEquals(Hash(parsed.Secret), stored.SecretHash)
            ? stored.Credential
            : null;

    /// <summary>A service credential names the agents it acts as; no other credential names any.</summary>
    private static IReadOnlyList<string>? Agents(CredentialRequest request)
    {
        if (request.Role != CredentialRole.Service)
        {
            return request.Agents is null or { Count: 0 }
                ? null
                : throw new InvalidRequestException("request.agents", $"names agents, but only a service credential acts for agents; a {request.Role.ToString().ToLowerInvariant()} credential acts as its subject");
        }

        if (request.Agents is null or { Count: 0 })
            throw new InvalidRequestException("request.agents", "a service credential names the agents it acts as (their ids, or * for every agent of the studio)");
        if (request.Agents.Count > MaxServiceAgents)
            throw new InvalidRequestException("request.agents", $"names {request.Agents.Count:N0} agents; at most {MaxServiceAgents:N0} (or *)");
        return [.. request.Agents.Select((agent, i) => agent == "*" ? agent : Require.Id(agent, $"request.agents[{i}]")).Distinct(StringComparer.Ordinal)];
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Stores the change; if storage refuses it, undoes it in memory so nothing unstored is ever answered.</summary>
    private async Task Write(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            DeactivateOnIdle();
            throw;
        }
    }
}
