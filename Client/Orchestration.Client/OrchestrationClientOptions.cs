namespace Orchestration.Client;

/// <summary>
/// What an agent service or operator tool configures to talk to a cluster, bound from the configuration section
/// <c>Orchestration</c> (environment: <c>Orchestration__StreamPublicKeys__0</c> …).
/// </summary>
public sealed class OrchestrationClientOptions
{
    public const string Section = "Orchestration";

    /// <summary>The credential every call carries: a studio credential (<c>orch.…</c>, issued by an operator with
    /// <c>orchestration credentials issue</c>) or the cluster's root credential (<c>orch-root.…</c>). Environment:
    /// <c>Orchestration__Credential</c>. On the Development profile, unset means the one the local dev silo wrote.</summary>
    public string? Credential { get; set; }

    /// <summary>The cluster's stream public keys (base64 SubjectPublicKeyInfo, as <c>orchestration keys</c> prints them),
    /// pinned: stream messages are checked against these alone. Empty: they are read from the cluster over the gateway
    /// on first use, and read again when a message names a key not seen yet (a rollover).</summary>
    public List<string> StreamPublicKeys { get; set; } = [];
}
