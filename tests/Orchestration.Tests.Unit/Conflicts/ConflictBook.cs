using Orchestration.Grains.Common;
using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Producer;

namespace Orchestration.Tests.Unit.Conflicts;

/// <summary>A studio's state with a tracker and a shipper registered, and Workflow 2 run on it at a given time: what
/// the conflict tests share.</summary>
public abstract class ConflictBook
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    protected ProducerState State { get; } = new();

    protected ConflictBook()
    {
        foreach (var (id, kind) in new[] { ("tracker-1", AgentKinds.ExperimentTracker), ("shipper-1", AgentKinds.ProjectShipper) })
            State.Agents[id] = new AgentProfile(id, kind, id, 3, AgentHosting.Hosted, T0);
    }

    /// <summary>Runs one step of the workflow at <paramref name="at"/> (T0 by default); returns what it produced.</summary>
    protected StudioChanges Run(Action<ConflictWorkflow> step, DateTimeOffset? at = null)
    {
        var changes = new StudioChanges(State, "studio-1", at ?? T0);
        step(new ConflictWorkflow(State, changes));
        return changes;
    }

    /// <summary>Publishes the next strategy version (the workflow reads the one in force).</summary>
    protected void Strategy(string[] priorities, params string[] constraints) =>
        State.Strategies.Add(new StudioStrategy("studio-1", State.Strategies.Count + 1, priorities, constraints, "why", "ceo", T0, $"m-{State.Strategies.Count}"));
}
