using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Tests.Unit.Agents;

public class RegistrationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static readonly AgentKindCatalog Kinds = new([
        new AgentKindInfo(AgentKinds.ProjectShipper, typeof(object)),
        new AgentKindInfo("llm-writer", GrainClass: null),
    ]);

    private static readonly AgentRegistration Shipper = new("shipper-1", AgentKinds.ProjectShipper, "Shipper", 3, AgentHosting.Hosted);

    [Fact]
    public void A_new_agent_gets_a_profile_stamped_with_the_time() =>
        Assert.Equal(new AgentProfile("shipper-1", AgentKinds.ProjectShipper, "Shipper", 3, AgentHosting.Hosted, Now),
            RegistrationRules.Evaluate(Shipper, existing: null, Kinds, Now));

    [Fact]
    public void The_same_registration_twice_returns_the_existing_profile_unchanged()
    {
        var existing = RegistrationRules.Evaluate(Shipper, null, Kinds, Now);
        Assert.Equal(existing, RegistrationRules.Evaluate(Shipper, existing, Kinds, Now.AddDays(1)));
    }

    [Fact]
    public void A_registration_may_update_name_and_capacity_but_keeps_the_original_time()
    {
        var existing = RegistrationRules.Evaluate(Shipper, null, Kinds, Now);
        var updated = RegistrationRules.Evaluate(Shipper with { DisplayName = "Release bot", Capacity = 5 }, existing, Kinds, Now.AddDays(1));
        Assert.Equal(existing with { DisplayName = "Release bot", Capacity = 5 }, updated);
    }

    [Theory]
    [InlineData("kind", "registration.kind", "not a known agent kind")]
    [InlineData("hosting", "registration.hosting", "has no grain")]
    [InlineData("capacity", "registration.capacity", "between 1 and 1000")]
    [InlineData("name", "registration.displayName", "is required")]
    [InlineData("id", "registration.agentId", "is not a valid id")]
    public void Refuses_a_bad_registration(string what, string field, string reason)
    {
        var registration = what switch
        {
            "kind" => Shipper with { Kind = "astrologer" },
            "hosting" => Shipper with { Kind = "llm-writer" },
            "capacity" => Shipper with { Capacity = 0 },
            "name" => Shipper with { DisplayName = "" },
            _ => Shipper with { AgentId = "two words" },
        };

        var refused = Assert.Throws<InvalidRequestException>(() => RegistrationRules.Evaluate(registration, null, Kinds, Now));
        Assert.Equal(field, refused.Field);
        Assert.Contains(reason, refused.Reason);
    }

    [Fact]
    public void An_agent_cannot_change_kind_or_hosting()
    {
        var existing = RegistrationRules.Evaluate(Shipper, null, Kinds, Now);
        Assert.Equal("registration.kind", Assert.Throws<InvalidRequestException>(() =>
            RegistrationRules.Evaluate(Shipper with { Kind = "llm-writer", Hosting = AgentHosting.External }, existing, Kinds, Now)).Field);
        Assert.Equal("registration.hosting", Assert.Throws<InvalidRequestException>(() =>
            RegistrationRules.Evaluate(Shipper with { Hosting = AgentHosting.External }, existing, Kinds, Now)).Field);
    }

    [Fact]
    public void The_catalog_lists_kinds_in_order_and_prefers_a_hosted_registration()
    {
        var catalog = new AgentKindCatalog([new AgentKindInfo("b", null), new AgentKindInfo("a", null), new AgentKindInfo("b", typeof(object))]);
        Assert.Equal(["a", "b"], catalog.Names);
        Assert.True(catalog.IsHosted("b"));
        Assert.False(catalog.IsHosted("a"));
    }
}
