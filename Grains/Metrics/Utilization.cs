using Orchestration.Grains.Producer;

namespace Orchestration.Grains.Metrics;

/// <summary>An agent's load: its work items not yet completed, against its declared capacity.</summary>
public static class Utilization
{
    public static Dictionary<string, double> ByAgent(ProducerState state)
    {
        var completed = state.CompletedWork.Select(c => c.ItemId).ToHashSet(StringComparer.Ordinal);
        var active = state.WorkItems.Values.Where(i => !completed.Contains(i.ItemId)).GroupBy(i => i.OwnerAgentId).ToDictionary(g => g.Key, g => g.Count());
        return state.Agents.Values.ToDictionary(a => a.AgentId, a => (double)active.GetValueOrDefault(a.AgentId) / Math.Max(1, a.Capacity));
    }

    public static int ActiveItems(ProducerState state, string agentId)
    {
        var completed = state.CompletedWork.Select(c => c.ItemId).ToHashSet(StringComparer.Ordinal);
        return state.WorkItems.Values.Count(i => i.OwnerAgentId == agentId && !completed.Contains(i.ItemId));
    }
}
