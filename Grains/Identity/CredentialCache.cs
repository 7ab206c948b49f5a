using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Identity;

/// <summary>
/// What this silo last learned of each token it checked, for <see cref="IdentityOptions.CredentialCacheFor"/>: a call
/// over the Orleans client then costs no extra grain call. Revoking forgets a credential at once on the silo that
/// revoked it; the others learn within the stated time. Freshness is measured on the machine's clock, never the
/// studio's: virtual time in a simulation must not keep a revoked token alive, nor expire one early.
/// </summary>
public sealed class CredentialCache(IOptions<IdentityOptions> options)
{
    /// <summary>Tokens remembered at most; past it the cache starts over (a flood of made-up tokens cannot grow it).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Credential? Credential, long Until)> _entries = new(StringComparer.Ordinal);
    private readonly long _for = (long)(options.Value.CredentialCacheFor.TotalSeconds * TimeProvider.System.TimestampFrequency);

    public async ValueTask<Credential?> GetAsync(string token, Func<Task<Credential?>> check)
    {
        var now = TimeProvider.System.GetTimestamp();
        if (_entries.TryGetValue(token, out var known) && known.Until > now) return known.Credential;
        var credential = await check();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[token] = (credential, now + _for);
        return credential;
    }

    public void Forget(string credentialId)
    {
        foreach (var (token, entry) in _entries)
            if (entry.Credential?.CredentialId == credentialId) _entries.TryRemove(token, out _);
    }
}
