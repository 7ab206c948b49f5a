using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>deploy/local-cluster.sh as an operator runs it: its own Azurite and silos on the ports it is given (not the
/// defaults another Azurite may hold), the CLI pointed at it by profile, one silo restarted alone, and a stop that
/// leaves nothing running.</summary>
public class LocalClusterScriptTests
{
    private static async Task<(int Code, string Output)> Script(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.File("deploy", "local-cluster.sh"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_script_starts_a_cluster_on_the_ports_it_is_given_restarts_one_silo_and_stops_everything()
    {
        // Bases two apart, so silo i+1's port cannot collide with another base.
        var (silo, gateway, http, blob) = (FreePort(), FreePort(), FreePort(), FreePort());
        var environment = new Dictionary<string, string>
        {
            ["CLUSTER_ID"] = $"script-{Guid.NewGuid():N}"[..15], ["SILO_PORT"] = $"{silo}", ["GATEWAY_PORT"] = $"{gateway}", ["HTTP_PORT"] = $"{http}",
            ["AZURITE_BLOB_PORT"] = $"{blob}", ["AZURITE_QUEUE_PORT"] = $"{FreePort()}", ["AZURITE_TABLE_PORT"] = $"{FreePort()}",
        };
        try
        {
            var (started, output) = await Script(environment, "start", "1");
            Assert.True(started == 0, output);
            Assert.Contains($"silo 0 ready: gateway 127.0.0.1:{gateway}, http://127.0.0.1:{http}", output, StringComparison.Ordinal);

            // The CLI line it prints reaches the cluster.
            var cli = output.Split('\n').Single(l => l.StartsWith("cli: orchestration ", StringComparison.Ordinal))["cli: orchestration ".Length..];
            var arguments = System.Text.RegularExpressions.Regex.Matches(cli, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).ToArray();
            var (status, _, statusError) = await CliProcess.RunAsync([.. arguments[..^1], "status", "--json"]);
            Assert.True(status == 0, statusError);

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
