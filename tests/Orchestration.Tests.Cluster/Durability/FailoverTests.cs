using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;
using Xunit.Abstractions;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>
/// Failover as an agent service feels it, with nothing but the client library's defaults: three Azure-profile silos
/// on Azurite, eight callers reporting blockers without pause, and the silo holding the studio's Producer killed with
/// SIGKILL. No call fails (each stalled attempt is cut short and retried with the same id), reports succeed again
/// within seconds, and every acknowledged report is stored once.
/// </summary>
public class FailoverTests(ITestOutputHelper output)
{
    private const int Callers = 8;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(10); // the promise docs/OPERATIONS.md makes

    [Fact]
    public async Task Killing_the_producers_silo_is_a_pause_of_seconds_with_nothing_lost_or_doubled()
    {
        await using var azure = await AzureSiloCluster.StartAsync("failover", silos: 3);
        var cluster = azure.Client;
        var studio = new StudioClient(cluster, "studio");
        await studio.RegisterExternalAgentAsync("reporter", AgentKinds.ProjectShipper, "Reporter", 4);

        // The silo to kill is the one the Producer lives on: every report goes there.
        var producerSilo = await cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(studio.Producer);
        var victim = Assert.Single(azure.Silos, s => s.SiloPort == producerSilo!.Endpoint.Port);

        var clock = Stopwatch.StartNew();
        var completions = new ConcurrentQueue<(string Id, TimeSpan At)>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"f-{c}-{n}";
                try
                {
                    await studio.ReportBlockerAsync(Samples.Blocker("reporter", id));
                    completions.Enqueue((id, clock.Elapsed));
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                    return;
                }
            }
        })).ToList();

        await Eventually.Until(() => Task.FromResult(completions.Count), count => count >= 50, "50 reports before the kill", TimeSpan.FromSeconds(60));
        var killedAt = clock.Elapsed;
        await victim.KillAsync();
        await Eventually.Until(() => Task.FromResult(completions.Count(c => c.At > killedAt)), count => count >= 50, "50 reports after the kill", TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var resumedAfter = completions.Where(c => c.At > killedAt).Min(c => c.At) - killedAt;
        var longestGap = completions.Select(c => c.At).Order().Zip(completions.Select(c => c.At).Order().Skip(1), (a, b) => b - a).Max();
        output.WriteLine($"{completions.Count} reports by {Callers} callers; the Producer's silo killed at {killedAt.TotalSeconds:0.0} s; " +
                         $"reports succeeded again {resumedAfter.TotalSeconds:0.0} s after the kill; longest pause {longestGap.TotalSeconds:0.0} s; failures {failures.Count}");

        Assert.Empty(failures);
        Assert.True(resumedAfter <= Recovery, $"reports succeeded again {resumedAfter.TotalSeconds:0.0} s after the kill (promised: within {Recovery.TotalSeconds:0} s)");

        // Nothing lost, nothing doubled: every acknowledged report is open once, escalated once, journaled once.
        var acknowledged = completions.Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        var open = await studio.GetOpenReportsAsync();
        Assert.Equal(acknowledged, open.Select(r => r.ReportId).Order(StringComparer.Ordinal));
        var escalations = await studio.CallAsync(s => s.Escalations.GetEscalations());
        Assert.Equal(acknowledged.Count, escalations.Count(e => e.Class == EscalationClass.AgentBlocker));
        var raised = new List<string>();
        await foreach (var e in studio.ReadJournalAsync(kinds: [nameof(ReportRaised)])) raised.Add(((ReportRaised)e).Report.ReportId);
        Assert.Equal(acknowledged, raised.Order(StringComparer.Ordinal));
    }
}
