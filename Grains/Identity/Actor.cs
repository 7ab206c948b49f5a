using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Identity;

public enum ActorKind
{
    /// <summary>A studio credential, checked against its studio.</summary>
    Credential,

    /// <summary>The cluster's root credential (<c>Orchestration:RootKey</c>): everything, in every studio.</summary>
    Root,

    /// <summary>The silos themselves: a grain, or code hosted in a silo, proven by the call's silo stamp.</summary>
    Silo,
}

/// <summary>Who a grain call is made as, once the caller gate has checked it. Grains read it as <see cref="Acting.Current"/>.</summary>
public sealed record Actor(ActorKind Kind, string Subject, Credential? Credential = null)
{
    public static readonly Actor Root = new(ActorKind.Root, "root");

    public static Actor Silo(GrainId? source) => new(ActorKind.Silo, source?.ToString() ?? "silo");

    public static Actor Of(Credential credential) => new(ActorKind.Credential, credential.Subject, credential);

    /// <summary>Root and the silos: not held to a studio, a role or a name.</summary>
    public bool IsTrusted => Kind != ActorKind.Credential;

    public string? StudioId => Credential?.StudioId;

    public CredentialRole? Role => Credential?.Role;

    /// <summary>An agent credential, or a service acting for agents.</summary>
    public bool IsAgent => Role is CredentialRole.Agent or CredentialRole.Service;

    public Callers Kinds => Role switch
    {
        CredentialRole.Agent or CredentialRole.Service => Callers.Agents,
        CredentialRole.Operator => Callers.Operators,
        CredentialRole.Approver => Callers.Approvers,
        CredentialRole.Stakeholder => Callers.Stakeholders,
        _ => Callers.None,
    };

    /// <summary>Whether this caller may act as agent <paramref name="agentId"/>: it is that agent, or a service naming it.</summary>
    public bool ActsFor(string agentId) => Role switch
    {
        CredentialRole.Agent => Subject == agentId,
        CredentialRole.Service => Credential!.Agents is { } agents && (agents.Contains("*") || agents.Contains(agentId)),
        _ => false,
    };

    /// <summary>Whether a request may name <paramref name="name"/> as who acts: the caller's own name, or an agent a
    /// service acts for.</summary>
    public bool MayActAs(string name) => IsTrusted || (Role == CredentialRole.Service ? ActsFor(name) : name == Subject);

    /// <summary>The name an empty "who acts" field is filled with: the caller's, or a service's one agent.</summary>
    public string DefaultName(string field)
    {
        if (Role != CredentialRole.Service) return Subject;
        return Credential!.Agents is [var only] && only != "*"
            ? only
            : throw new NotPermittedException(field, $"is empty, and service credential '{Subject}' acts for several agents: name the one this call is for");
    }

    public CallerIdentity Identity => new(Subject, StudioId, Role, Credential?.CredentialId, Credential?.Agents ?? []);

    /// <summary>How a refusal names the caller: "'olivia' (operator)".</summary>
    public string Describe() => Kind switch
    {
        ActorKind.Credential => $"'{Subject}' ({Role.ToString()!.ToLowerInvariant()})",
        ActorKind.Root => "the cluster's root credential",
        _ => $"the silo ({Subject})",
    };
}

/// <summary>
/// The caller of the grain call being served, set by the caller gate for the length of the call (an async-local, so
/// it follows the call's own work and nothing else). Null outside a call: in a timer or a reminder, the studio acts
/// on its own.
/// </summary>
public static class Acting
{
    private static readonly AsyncLocal<Actor?> Ambient = new();

    public static Actor? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }
}
