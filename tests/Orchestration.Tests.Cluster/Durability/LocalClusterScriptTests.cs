using System.Net;
using System.Net.Sockets;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>deploy/local-cluster.sh as an operator on a fresh machine runs it: its own Azurite and three silos on the
/// ports it is given (not the defaults another Azurite may hold), the CLI installed as a .NET tool from the packages
/// and pointed at it by profile, one silo restarted alone, and a stop that leaves nothing running.</summary>
[Collection(Orchestration.Tests.Cluster.Packaging.PackagesCollection.Name)]
public class LocalClusterScriptTests(Orchestration.Tests.Cluster.Packaging.PackagesTests.Feed feed)
{
    private static async Task<(int Code, string Output)> Script(Dictionary<string, string> environment, params string[] args)
    {
        var (code, output, error) = await CliProcess.RunProgramAsync("bash", Repository.Root, [Repository.File("deploy", "local-cluster.sh"), .. args], TimeSpan.FromMinutes(4), environment);
        return (code, output + error);
    }

    /// <summary>Ports in a row, free now, below the range the system hands out for outgoing connections (from 32768 on
    /// Linux): there, another test's connection can take one between this check and the silo's bind (CI saw "address
    /// already in use" on a silo's HTTP port).</summary>
    private static int FreeRange(int count)
    {
        while (true)
        {
            var start = Random.Shared.Next(20_000, 32_000 - count);
            if (Enumerable.Range(start, count).All(IsFree)) return start;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task The_script_starts_a_cluster_on_the_ports_it_is_given_restarts_one_silo_and_stops_everything()
    {
        // Three silos take base, base+1 and base+2 of each kind, then Azurite three more: twelve ports in a row, all free now.
        var silo = FreeRange(12);
        var (gateway, http, blob) = (silo + 3, silo + 6, silo + 9);
        var environment = new Dictionary<string, string>
        {
            ["CLUSTER_ID"] = $"script-{Guid.NewGuid():N}"[..15], ["SILO_PORT"] = $"{silo}", ["GATEWAY_PORT"] = $"{gateway}", ["HTTP_PORT"] = $"{http}",
            ["AZURITE_BLOB_PORT"] = $"{blob}", ["AZURITE_QUEUE_PORT"] = $"{blob + 1}", ["AZURITE_TABLE_PORT"] = $"{blob + 2}",
        };
        try
        {
            var (started, output) = await Script(environment, "start", "3");
            Assert.True(started == 0, output);
            Assert.Contains($"silo 0 ready: gateway 127.0.0.1:{gateway}, http://127.0.0.1:{http}", output, StringComparison.Ordinal);
            Assert.Contains($"silo 2 ready: gateway 127.0.0.1:{gateway + 2}", output, StringComparison.Ordinal);

            // The CLI line it prints, run by the installed tool, reaches the cluster.
            var tool = await feed.ToolAsync();
            var cli = output.Split('\n').Single(l => l.StartsWith("cli: orchestration ", StringComparison.Ordinal))["cli: orchestration ".Length..];
            var arguments = System.Text.RegularExpressions.Regex.Matches(cli, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).ToArray();
            var (status, statusOutput) = await Orchestration.Tests.Cluster.Packaging.PackagesTests.Run(tool, Repository.Root, [.. arguments[..^1], "status", "--json"]);
            Assert.True(status == 0, statusOutput);

            var (restarted, restartOutput) = await Script(environment, "restart", "0");
            Assert.True(restarted == 0, restartOutput);
            Assert.Contains("silo 0 ready", restartOutput, StringComparison.Ordinal);
            Assert.Equal(0, (await CliProcess.RunAsync([.. arguments[..^1], "status"])).Code);
        }
        finally
        {
            var (stopped, stopOutput) = await Script(environment, "stop");
            Assert.True(stopped == 0, stopOutput);
        }

        Assert.Empty(Directory.GetFiles(Repository.File("deploy", ".local-cluster"), "*.pid"));
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, gateway));
    }
}
