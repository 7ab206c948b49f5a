namespace Orchestration.Grains.Identity;

/// <summary>How the silos check who calls (configuration <c>Orchestration:RootKey</c> and the section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    /// <summary>The cluster's root credential: base64 of at least 32 random bytes; the token is <c>orch-root.</c> and this
    /// key. It may do anything in every studio, so it is for bootstrap (issuing the first operator credentials) and
    /// break-glass; unset, the cluster has no root credential. A Development silo makes one when none is configured.</summary>
    public string? RootKey { get; set; }

    /// <summary>How long a silo trusts a credential it has checked before checking it again: a credential revoked on
    /// another silo is refused by this one within this time (on the silo that revoked it, at once).</summary>
    public TimeSpan CredentialCacheFor { get; set; } = TimeSpan.FromSeconds(5);

    public const int MinimumRootKeyBytes = 32;
}
