using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Work;
using static Orchestration.Tests.Unit.Conflicts.WorkItems;

namespace Orchestration.Tests.Unit.Conflicts;

public class WorkItemRulesTests
{
    private static readonly Dictionary<string, AgentProfile> Agents = new()
    {
        ["tracker-1"] = new("tracker-1", AgentKinds.ExperimentTracker, "Tracker", 2, AgentHosting.Hosted, DateTimeOffset.UnixEpoch),
        ["shipper-1"] = new("shipper-1", AgentKinds.ProjectShipper, "Shipper", 2, AgentHosting.Hosted, DateTimeOffset.UnixEpoch),
    };

    private static InvalidRequestException Refused(WorkItem item, Dictionary<string, WorkItem>? items = null) =>
        Assert.ThrowsAny<InvalidRequestException>(() => WorkItemRules.Validate(item, Agents, items ?? [])); // a refusal, or one for the wrong party (NotPermittedException)

    [Fact]
    public void Accepts_a_release_that_needs_a_declared_experiment()
    {
        var items = Graph(Experiment("E", 0, 21));
        var release = Release("R", 0, 30, [new CustomerCommitment("Acme", 40, true)], On("E", 2));
        Assert.True(WorkItemRules.Same(release, WorkItemRules.Validate(release, Agents, items)));
    }

    [Fact]
    public void Refuses_dates_in_the_wrong_order() =>
        Assert.Equal("item.end", Refused(Experiment("E", 10, 9)).Field);

    [Fact]
    public void Refuses_a_dependency_on_a_missing_item()
    {
        var refused = Refused(Release("R", 0, 30, null, On("ghost")));
        Assert.Equal(("item.dependsOn[0].itemId", "no work item 'ghost' is declared in the studio"), (refused.Field, refused.Reason));
    }

    [Fact]
    public void Refuses_a_dependency_that_closes_a_cycle_and_names_it()
    {
        // R needs E, X needs R; now E would need X: E → X → R → E.
        var items = Graph(Experiment("E", 0, 21), Release("R", 0, 30, null, On("E")), Experiment("X", 31, 40, dependsOn: On("R")));

        var refused = Refused(Experiment("E", 0, 21, dependsOn: On("X")), items);

        Assert.Equal("item.dependsOn", refused.Field);
        Assert.Equal("would make a dependency cycle: E → X → R → E", refused.Reason);
    }

    [Fact]
    public void Refuses_an_item_depending_on_itself() =>
        Assert.Contains("cannot depend on itself", Refused(Experiment("E", 0, 21, dependsOn: On("E")), Graph(Experiment("E", 0, 21))).Reason);

    [Fact]
    public void Refuses_an_unregistered_owner_and_a_change_of_owner_or_kind()
    {
        Assert.Equal("item.ownerAgentId", Refused(Experiment("E", 0, 21) with { OwnerAgentId = "stranger" }).Field);
        var items = Graph(Experiment("E", 0, 21));
        Assert.Equal("item.ownerAgentId", Refused(Experiment("E", 0, 28) with { OwnerAgentId = "shipper-1" }, items).Field);
        Assert.Equal("item.kind", Refused(Release("E", 0, 28), items).Field);
    }

    [Fact]
    public void Refuses_commitments_on_an_experiment_and_lead_times_out_of_range()
    {
        Assert.Equal("item.commitments", Refused(Experiment("E", 0, 21) with { Commitments = [new CustomerCommitment("Acme", 1, false)] }).Field);
        Assert.Equal("item.dependsOn[0].leadDays", Refused(Release("R", 0, 30, null, On("E", 400)), Graph(Experiment("E", 0, 21))).Field);
    }

    [Fact]
    public void The_same_declaration_is_the_same_even_in_new_lists() =>
        Assert.True(WorkItemRules.Same(Release("R", 0, 30, null, On("E")), Release("R", 0, 30, [], On("E"))));
}
