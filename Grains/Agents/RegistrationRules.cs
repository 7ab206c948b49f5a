using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Grains.Agents;

public static class RegistrationRules
{
    /// <summary>
    /// Validates a registration and returns the profile to keep: a new one, or the existing one updated with a new
    /// display name or capacity. The same registration twice returns the existing profile unchanged.
    /// </summary>
    public static AgentProfile Evaluate(AgentRegistration? registration, AgentProfile? existing, AgentKindCatalog kinds, DateTimeOffset now)
    {
        registration = Require.Present(registration, "registration");
        var agentId = Require.Id(registration.AgentId, "registration.agentId");
        var kind = Require.Id(registration.Kind, "registration.kind");
        if (!kinds.Contains(kind))
            throw new InvalidRequestException("registration.kind", $"'{kind}' is not a known agent kind; known kinds: {string.Join(", ", kinds.Names)}");
        var hosting = Require.Defined(registration.Hosting, "registration.hosting");
        if (hosting == AgentHosting.Hosted && !kinds.IsHosted(kind))
            throw new InvalidRequestException("registration.hosting", $"kind '{kind}' has no grain in this silo; register it as External");
        var name = Require.Label(registration.DisplayName, "registration.displayName");
        var capacity = Require.InRange(registration.Capacity, 1, Limits.MaxCapacity, "registration.capacity");

        if (existing is null)
            return new AgentProfile(agentId, kind, name, capacity, hosting, now);
        if (existing.Kind != kind)
            throw new InvalidRequestException("registration.kind", $"agent '{agentId}' is already registered as '{existing.Kind}'");
        if (existing.Hosting != hosting)
            throw new InvalidRequestException("registration.hosting", $"agent '{agentId}' is already registered as {existing.Hosting}");
        return existing with { DisplayName = name, Capacity = capacity };
    }
}
