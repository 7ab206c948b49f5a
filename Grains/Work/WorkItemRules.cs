using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Work;

public static class WorkItemRules
{
    public const int MaxLeadDays = 365;

    /// <summary>
    /// Validates a declaration against the studio: a registered owner (the same one as before), dates in order,
    /// dependencies on items that exist (in the graph, or <paramref name="finished"/> work that has left it), and no
    /// dependency cycle. Returns the item with its lists normalised.
    /// </summary>
    public static WorkItem Validate(WorkItem? item, IReadOnlyDictionary<string, AgentProfile> agents, IReadOnlyDictionary<string, WorkItem> items,
        IReadOnlySet<string>? finished = null)
    {
        item = Require.Present(item, "item");
        var id = Require.Id(item.ItemId, "item.itemId");
        Require.Defined(item.Kind, "item.kind");
        Require.Defined(item.Category, "item.category");
        var owner = Require.Id(item.OwnerAgentId, "item.ownerAgentId");
        if (!agents.ContainsKey(owner))
            throw new InvalidRequestException("item.ownerAgentId", $"agent '{owner}' is not registered with the studio");
        if (items.TryGetValue(id, out var existing))
        {
            if (existing.Kind != item.Kind)
                throw new InvalidRequestException("item.kind", $"'{id}' is already declared as {existing.Kind}");
            if (existing.OwnerAgentId != owner)
                throw new NotPermittedException("item.ownerAgentId", $"'{id}' is owned by '{existing.OwnerAgentId}'");
        }

        Require.Id(item.ProjectId, "item.projectId");
        Require.Label(item.Title, "item.title");
        Require.Date(item.Start, "item.start");
        Require.Date(item.End, "item.end");
        Require.Ordered(item.Start, item.End, "item.end", "start", "end");
        if (item.RevenueAtStake < 0)
            throw new InvalidRequestException("item.revenueAtStake", $"is {item.RevenueAtStake}; it cannot be negative");
        Require.InRange(item.SampleSizeNeeded, 0, int.MaxValue, "item.sampleSizeNeeded");

        var dependsOn = item.DependsOn ?? [];
        if (dependsOn.Count > Limits.MaxListEntries)
            throw new InvalidRequestException("item.dependsOn", $"has {dependsOn.Count} entries; at most {Limits.MaxListEntries} are allowed");
        for (var i = 0; i < dependsOn.Count; i++)
        {
            var field = $"item.dependsOn[{i}]";
            var dependency = Require.Present(dependsOn[i], field);
            var prerequisite = Require.Id(dependency.ItemId, $"{field}.itemId");
            if (prerequisite == id)
                throw new InvalidRequestException($"{field}.itemId", $"'{id}' cannot depend on itself");
            if (!items.ContainsKey(prerequisite) && finished?.Contains(prerequisite) != true)
                throw new InvalidRequestException($"{field}.itemId", $"no work item '{prerequisite}' is declared in the studio");
            Require.InRange(dependency.LeadDays, 0, MaxLeadDays, $"{field}.leadDays");
        }

        var duplicate = dependsOn.GroupBy(d => d.ItemId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidRequestException("item.dependsOn", $"lists '{duplicate.Key}' more than once");

        var commitments = item.Commitments ?? [];
        if (commitments.Count > 0 && item.Kind != WorkItemKind.Release)
            throw new InvalidRequestException("item.commitments", "only releases carry customer commitments");
        if (commitments.Count > Limits.MaxListEntries)
            throw new InvalidRequestException("item.commitments", $"has {commitments.Count} entries; at most {Limits.MaxListEntries} are allowed");
        for (var i = 0; i < commitments.Count; i++)
        {
            var commitment = Require.Present(commitments[i], $"item.commitments[{i}]");
            Require.Label(commitment.Customer, $"item.commitments[{i}].customer");
            Require.InRange(commitment.Accounts, 1, 1_000_000, $"item.commitments[{i}].accounts");
        }

        var normalised = item with { DependsOn = [.. dependsOn], Commitments = [.. commitments] };
        if (DependencyGraph.FindCycle(items, normalised) is { } cycle)
            throw new InvalidRequestException("item.dependsOn", $"would make a dependency cycle: {string.Join(" → ", cycle)}");
        return normalised;
    }

    /// <summary>Structural equality: the same declaration sent again changes nothing.</summary>
    public static bool Same(WorkItem? a, WorkItem? b) =>
        a is not null && b is not null
        && a with { DependsOn = [], Commitments = null } == b with { DependsOn = [], Commitments = null }
        && a.DependsOn.SequenceEqual(b.DependsOn)
        && (a.Commitments ?? []).SequenceEqual(b.Commitments ?? []);
}
