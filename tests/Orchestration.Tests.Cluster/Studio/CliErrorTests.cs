using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>The operator CLI as a process: an unreachable cluster is exit 3 with one line, not minutes of silence;
/// a refusal is exit 2 with its field, as a JSON object under --json; what the studio does not have is exit 4; a
/// usage error exit 1; no stack trace unless --verbose.</summary>
public class CliErrorTests
{
    private static Task<(int Code, string Out, string Error)> Cli(params string[] args) => CliProcess.RunAsync(args);

    [Fact]
    public async Task An_unreachable_cluster_is_exit_3_with_one_line_and_no_stack_trace()
    {
        // With the default timeout: a refused connection is reported as such, not after waiting the timeout out.
        var (code, output, error) = await Cli("status", "--gateway", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(3, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("unreachable: nothing listens on gateway port", line);
        Assert.Contains("(connection refused;", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_exit_2_naming_the_field_and_a_json_object_under_json()
    {
        await using var silo = await SiloProcess.StartAsync();
        var gateway = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, _, error) = await Cli("agents", "register", "--id", "bad id!", "--kind", "project-shipper", "--name", "Bot", "--gateway", gateway);
        var (jsonCode, json, _) = await Cli("agents", "register", "--id", "bad id!", "--kind", "project-shipper", "--name", "Bot", "--gateway", gateway, "--json");

        Assert.Equal(2, code);
        Assert.StartsWith("refused: registration.agentId:", error.Trim());
        Assert.Equal(2, jsonCode);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(("refused", "registration.agentId"), (parsed.RootElement.GetProperty("error").GetString(), parsed.RootElement.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task What_the_studio_does_not_have_is_exit_4_and_a_usage_error_is_exit_1()
    {
        await using var silo = await SiloProcess.StartAsync("--Studio:Id=default");
        var gateway = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var conflict = await Cli("decisions", "show", "conflict-999", "--gateway", gateway);
        Assert.Equal(4, conflict.Code);
        Assert.Equal("not found: studio 'default' has no conflict 'conflict-999' (see `conflicts list`)", conflict.Error.Trim());
        var agent = await Cli("agents", "show", "nobody", "--gateway", gateway);
        Assert.Equal((4, ""), (agent.Code, agent.Out));
        Assert.StartsWith("not found: studio 'default' has no agent 'nobody'", agent.Error.Trim(), StringComparison.Ordinal);

        // A known hosted agent needs no --kind.
        await Eventually.Until(async () => (await Cli("agents", "show", "tracker-1", "--gateway", gateway)).Code, code => code == 0, "the dev silo's tracker to join");
        Assert.StartsWith("tracker-1 (experiment-tracker) in default", (await Cli("agents", "show", "tracker-1", "--gateway", gateway)).Out, StringComparison.Ordinal);

        Assert.Equal(1, (await Cli("decisions", "shw", "--gateway", gateway)).Code);

        // Following events stops on Ctrl+C (SIGINT), as it says.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Repository.Output("Client/Orchestration.Cli", "orchestration.dll"), "events", "--gateway", gateway }) start.ArgumentList.Add(arg);
        foreach (var (key, value) in TestIdentity.Environment) start.Environment[key] = value;
        using var events = System.Diagnostics.Process.Start(start)!;
        _ = events.StandardOutput.ReadToEndAsync();
        var following = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        events.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("Ctrl+C to stop", StringComparison.Ordinal) == true) following.TrySetResult(); };
        events.BeginErrorReadLine();
        await following.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", events.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await events.WaitForExitAsync(bound.Token);
        Assert.Equal(130, events.ExitCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
