using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.WebConsole.Identity;

/// <summary>
/// Who is looking at the console: the credential they signed in with (or, in Development, the local operator's), as
/// the studio established it. Every grain call the console makes for them carries <see cref="Token"/>.
/// </summary>
public sealed record ConsoleUser(string Token, CallerIdentity Identity, bool IsLocal)
{
    /// <summary>Null for the local operator (the cluster's root): any studio.</summary>
    public string? StudioId => Identity.StudioId;

    public string Name => IsLocal ? "local operator" : Identity.Subject;

    public bool IsRoot => Identity.IsRoot;

    /// <summary>Approvers (and root) approve and override decisions.</summary>
    public bool MayDecide => IsRoot || Identity.Role == CredentialRole.Approver;

    /// <summary>Operators (and root) acknowledge and resolve escalations.</summary>
    public bool MayOperate => IsRoot || Identity.Role == CredentialRole.Operator;

    public string RoleName => IsRoot ? "every role (development)" : Identity.Role.ToString()!.ToLowerInvariant();

    /// <summary>Whether this person may look at <paramref name="studioId"/>.</summary>
    public bool Sees(string studioId) => IsRoot || StudioId == studioId;

    /// <summary>The roles with a console: people. Agents and services use the API.</summary>
    public static bool IsPerson(CallerIdentity identity) =>
        identity.IsRoot || identity.Role is CredentialRole.Operator or CredentialRole.Approver or CredentialRole.Stakeholder;
}
