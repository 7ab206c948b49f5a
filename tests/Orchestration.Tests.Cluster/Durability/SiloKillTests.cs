using System.Diagnostics;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>
/// Three silo processes on the Azure profile; one is killed with SIGKILL in the middle of a run of reports. Every
/// report the Producer acknowledged is there afterwards, grains come back on the survivors, and a stream subscriber
/// misses no strategy change.
/// </summary>
public class SiloKillTests
{
    private const int Reports = 40;
    private const int KillAfter = 15;
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killing_a_silo_mid_run_loses_no_acknowledged_report_and_no_strategy_change()
    {
        await using var azure = await AzureSiloCluster.StartAsync("kill", silos: 3);
        var studio = new StudioClient(azure.Client, "studio");
        await studio.RegisterExternalAgentAsync("reporter", AgentKinds.ProjectShipper, "Reporter", 4);
        await using var watcher = await studio.ConnectAgentAsync("watcher", AgentKinds.ExperimentTracker, "Watcher", 1);

        var acknowledged = new List<string>();
        var version = 0;
        for (var i = 1; i <= Reports; i++)
        {
            if (i == KillAfter) await azure.Silos[1].KillAsync();
            var report = Samples.Blocker("reporter", $"blk-{i:00}");
            await Retry(() => studio.ReportBlockerAsync(report));  // same id on every attempt: applied once
            acknowledged.Add(report.ReportId);
            if (i % 8 == 0)
            {
                var next = ++version;
                await Retry(() => studio.PublishStrategyAsync(new StrategyChange($"strategy-{next}", next, [$"focus-{next}"], [], "rotate", "ceo")));
            }
        }

        // The cluster noticed: two silos are left, and they serve everything.
        await Eventually.Until(async () => (await Retry(() => azure.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true))).Count,
            count => count == 2, "the killed silo to be declared dead");

        // Everything acknowledged is there, once.
        var open = await Retry(studio.GetOpenReportsAsync);
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), open.Select(r => r.ReportId).Order(StringComparer.Ordinal));
        Assert.Equal(Reports, (await studio.Escalations.GetEscalations()).Count(e => e.Class == EscalationClass.AgentBlocker));
        Assert.Equal(version, (await studio.GetStrategyAsync())!.Version);

        // The subscriber saw every version, in order.
        var seen = new List<int>();
        // A dead silo's queues move to the survivors first; on a loaded machine that outlasts the usual bound.
        while (seen.Count < version) seen.Add((await Eventually.Next(watcher.Strategies, $"strategy v{seen.Count + 1}", TimeSpan.FromSeconds(90))).Version);
        Assert.Equal(Enumerable.Range(1, version), seen);
    }

    /// <summary>While the cluster notices the dead silo, calls to grains that lived there fail: retry, with the same ids.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException && clock.Elapsed < RetryFor)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }
}
