namespace Orchestration.Grains.Metrics;

/// <summary>An agent's load: its work items not yet completed, against its declared capacity.</summary>
public static class Utilization
{
    /// <summary>Work items each registered agent owns and has not completed.</summary>
    public static Dictionary<string, int> ActiveItems(IMetricsBook state)
    {
        var active = state.WorkItems.Values.Where(i => !state.Completed.ContainsKey(i.ItemId)).GroupBy(i => i.OwnerAgentId).ToDictionary(g => g.Key, g => g.Count());
        return state.Agents.Keys.ToDictionary(id => id, id => active.GetValueOrDefault(id));
    }

    public static Dictionary<string, double> ByAgent(IMetricsBook state) => ByAgent(state, ActiveItems(state));

    public static Dictionary<string, double> ByAgent(IMetricsBook state, Dictionary<string, int> active) =>
        state.Agents.Values.ToDictionary(a => a.AgentId, a => (double)active.GetValueOrDefault(a.AgentId) / Math.Max(1, a.Capacity));
}
