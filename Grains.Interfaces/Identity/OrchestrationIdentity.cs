namespace Orchestration.Grains.Interfaces.Identity;

/// <summary>
/// Where a caller's credential travels and where tools look for it. Over the Orleans client a credential rides every
/// call in the <see cref="RequestContextKey"/> entry of Orleans' <c>RequestContext</c> (the client library sets it);
/// the silo checks it and removes it before the grain runs, so it never travels further.
/// </summary>
public static class OrchestrationIdentity
{
    public const string RequestContextKey = "orch.credential";

    /// <summary>Configuration key of a client's credential (environment <c>Orchestration__Credential</c>).</summary>
    public const string CredentialSetting = "Orchestration:Credential";

    /// <summary>The cluster's root credential is this prefix and the silos' <c>Orchestration:RootKey</c>.</summary>
    public const string RootPrefix = "orch-root.";

    /// <summary>Where a Development silo writes the root credential it made, and where the CLI and the samples read it
    /// when no credential is configured: <c>~/.orchestration/credential</c>, readable by its owner alone.</summary>
    public static string DevelopmentCredentialFile =>
        // Not verified: a HOME that does not exist yet is still where it goes, never the current directory.
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".orchestration", "credential");

    /// <summary>Whether <paramref name="token"/> is shaped like a root credential (whether it is the cluster's, only a silo can tell).</summary>
    public static bool IsRootToken(string? token) => token is not null && token.StartsWith(RootPrefix, StringComparison.Ordinal);
}

/// <summary>Who a call was made as, as the silo established it: a studio credential, or the cluster's root.</summary>
/// <param name="Subject">What everything the caller does is recorded under: an agent id, a person's or service's name, or <c>root</c>.</param>
/// <param name="StudioId">The studio the credential belongs to; null for root (every studio).</param>
/// <param name="Role">The credential's role; null for root.</param>
/// <param name="Agents">The agents a service credential acts for (<c>*</c>: every agent of its studio).</param>
[GenerateSerializer, Immutable, Alias("orch.CallerIdentity")]
public sealed record CallerIdentity(string Subject, string? StudioId, CredentialRole? Role, string? CredentialId, IReadOnlyList<string> Agents)
{
    public bool IsRoot => Role is null;
}
