using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Gateway.Identity;

/// <summary>The claims a studio credential becomes, and the authorization policies built on its role.</summary>
public static class GatewayClaims
{
    public const string Scheme = "StudioToken";

    public const string Studio = "orch:studio";
    public const string Subject = "orch:subject";
    public const string Credential = "orch:credential";

    public static string RoleName(CredentialRole role) => role.ToString().ToLowerInvariant();
}

/// <summary>Who may call what: each endpoint names one of these.</summary>
public static class GatewayPolicies
{
    /// <summary>Any credential of the studio: reads.</summary>
    public const string Reader = "reader";

    /// <summary>An agent, acting as itself.</summary>
    public const string Agent = "agent";

    /// <summary>An operator.</summary>
    public const string Operator = "operator";

    /// <summary>An approver: decides held conflicts and overrides decisions.</summary>
    public const string Approver = "approver";

    /// <summary>An operator or a stakeholder: raises a stakeholder request.</summary>
    public const string Requester = "requester";

    /// <summary>An agent or an operator: metric samples, key-result updates.</summary>
    public const string Contributor = "contributor";
}
