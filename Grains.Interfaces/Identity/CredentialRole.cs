namespace Orchestration.Grains.Interfaces.Identity;

/// <summary>What a credential lets its holder do in its studio (docs/AGENTS.md, "Who may do what", has the full table).</summary>
[GenerateSerializer, Alias("orch.CredentialRole")]
public enum CredentialRole
{
    /// <summary>An agent: acts only as itself (its subject is its agent id) — registers, reports, declares its work,
    /// answers its handoffs and decisions, reads its inbox and the studio.</summary>
    Agent = 1,

    /// <summary>A person who runs the studio: strategy, projects, OKRs, escalations, any report; reads everything.</summary>
    Operator = 2,

    /// <summary>A person who decides held conflicts: approves and overrides decisions; reads everything.</summary>
    Approver = 3,

    /// <summary>A stakeholder: reads everything and raises stakeholder requests in their own name.</summary>
    Stakeholder = 4,

    /// <summary>An agent service: acts as each agent its credential names (<see cref="Credential.Agents"/>; <c>*</c> for
    /// every agent of the studio) and as no one else — one process hosting several agents holds one credential.</summary>
    Service = 5,
}
