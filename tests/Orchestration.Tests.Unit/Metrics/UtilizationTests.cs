using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Metrics;
using Orchestration.Grains.Producer;
using Orchestration.Tests.Unit.Conflicts;

namespace Orchestration.Tests.Unit.Metrics;

public class UtilizationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Finished_work_never_counts_as_active_however_much_of_it_there_is()
    {
        // The first release counted active work against the last 2,000 completions: the 2,001st brought old work back.
        var state = new ProducerState();
        state.Agents["tracker-1"] = new AgentProfile("tracker-1", AgentKinds.ExperimentTracker, "Tracker", 4, AgentHosting.External, At);
        for (var i = 0; i < 2_500; i++)
        {
            var item = WorkItems.Experiment($"exp-{i}", 0, 10);
            state.WorkItems[item.ItemId] = item;
            state.Completed[item.ItemId] = new CompletedWork(item.ItemId, item.Kind, item.Category, item.OwnerAgentId, item.ProjectId, At.AddMinutes(i));
        }

        state.WorkItems["exp-live"] = WorkItems.Experiment("exp-live", 0, 10);

        Assert.Equal(1, Utilization.ActiveItems(state)["tracker-1"]);
        Assert.Equal(0.25, Utilization.ByAgent(state)["tracker-1"]);
    }
}
