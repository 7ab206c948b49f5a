namespace Orchestration.Grains.Interfaces.Identity;

/// <summary>The kinds of caller a contract method admits (a <see cref="CredentialRole.Service"/> credential counts as each
/// agent it names). The cluster's root credential and the silos' own calls are admitted everywhere.</summary>
[Flags]
public enum Callers
{
    None = 0,
    Agents = 1,
    Operators = 2,
    Approvers = 4,
    Stakeholders = 8,
    Anyone = Agents | Operators | Approvers | Stakeholders,
}

/// <summary>
/// Who may call this method of the contract, over the Orleans client as over the HTTP API: the silo's caller gate
/// refuses anyone else (<see cref="Common.NotPermittedException"/>, field <c>role</c>) before the grain runs. A
/// method of the contract without it can be called only by the silos themselves and the cluster's root credential.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CallableByAttribute(Callers callers) : Attribute
{
    public Callers Callers { get; } = callers;
}

/// <summary>
/// The request field that says who acts (<c>"report.AgentId"</c>: parameter, then property). It must name the caller
/// — an agent itself, an agent a service credential names, a person their own name — or be empty, and then the
/// caller is filled in. Anything else is refused, never silently replaced, so who did something is always the
/// authenticated caller.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ActsAsAttribute(string field) : Attribute
{
    public string Field { get; } = field;

    /// <summary>The field names an agent: left empty it is filled only for an agent's own credential (or a service's
    /// one agent); for anyone else an empty agent field stays empty, and the studio refuses it as missing.</summary>
    public bool Agent { get; init; }
}

/// <summary>How a grain's key ties it to a studio, so a credential of one studio reaches nothing of another.</summary>
public enum StudioScope
{
    /// <summary>The key is the studio id (the Producer and its desks, the journal, the credentials).</summary>
    Studio,

    /// <summary>The key starts with the studio id and a slash (feeds: <c>{studio}/inbox:{agent}</c>).</summary>
    StudioPrefixed,

    /// <summary>The key is an agent id: the agent grain says which studio it joined; <see cref="Callers.Agents"/> means
    /// the agent the grain is.</summary>
    Agent,

    /// <summary>Not a studio's: the cluster's (its stream public keys).</summary>
    Cluster,
}

/// <summary>How the grains behind this interface belong to a studio (inherited by interfaces that extend it).</summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class ScopedByAttribute(StudioScope scope) : Attribute
{
    public StudioScope Scope { get; } = scope;
}

/// <summary>On an agent grain's method: the request field that names the studio while the agent has joined none
/// (<c>"request.StudioId"</c> on <c>Join</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StudioInAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}
