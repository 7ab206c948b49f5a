using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.AzureStorage;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>While storage is down, callers get clear errors within the call timeout, nothing half-written survives,
/// and work resumes when storage is back. Runs on a private Azurite so other storage tests are not disturbed.</summary>
public class StorageOutageTests
{
    [Fact]
    public async Task While_storage_is_down_calls_fail_clearly_and_work_resumes_when_it_is_back()
    {
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var folder = Directory.CreateTempSubdirectory("azurite-outage-").FullName;
        await Azurite.ScriptAsync("start.sh", blob, queue, table, folder);
        var storage = Azurite.ConnectionStringFor(blob, queue, table);
        var run = Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using var silo = await SiloProcess.StartAsync("--Orchestration:Profile=Azure", $"--Orchestration:AzureStorage={storage}",
                $"--Orchestration:ClusterId=outage-{run}", $"--Orchestration:ServiceId=svc-{run}");
            var host = Host.CreateApplicationBuilder();
            host.UseOrleansClient(client => client.UseOrchestrationAzure(storage, $"outage-{run}", TestCertificates.Cluster.ClientTls, $"svc-{run}").AsTestRoot());
            using var app = host.Build();
            await app.StartAsync();
            var studio = new StudioClient(app.Services.GetRequiredService<IClusterClient>(), "studio");
            await studio.RegisterExternalAgentAsync("reporter", AgentKinds.ProjectShipper, "Reporter", 2);
            await studio.ReportBlockerAsync(Samples.Blocker("reporter", "before-outage"));

            await Azurite.ScriptAsync("stop.sh", blob, queue, table, folder);
            var clock = Stopwatch.StartNew();
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => studio.ReportBlockerAsync(Samples.Blocker("reporter", "during-outage")));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the call failed only after {clock.Elapsed.TotalSeconds:0} s");
            Assert.IsNotType<TimeoutException>(failure);
            Assert.False(string.IsNullOrWhiteSpace(failure.Message));

            await Azurite.ScriptAsync("start.sh", blob, queue, table, folder);
            // The same report, retried after the outage, is stored now: it was not remembered as done when it was not.
            await Eventually.Until(async () =>
            {
                try
                {
                    await studio.ReportBlockerAsync(Samples.Blocker("reporter", "during-outage"));
                    return true;
                }
                catch (Exception)
                {
                    return false;
                }
            }, ok => ok, "the report to go through once storage is back");
            // Read what storage holds, not what an activation remembers.
            await app.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            Assert.Equal(["before-outage", "during-outage"], (await studio.GetOpenReportsAsync()).Select(r => r.ReportId).Order(StringComparer.Ordinal));
            Assert.Equal(2, (await studio.Escalations.GetEscalations()).Count);
        }
        finally
        {
            await Azurite.ScriptAsync("stop.sh", blob, queue, table, folder);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
