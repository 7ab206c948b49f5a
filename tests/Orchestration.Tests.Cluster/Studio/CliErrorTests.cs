using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>The operator CLI as a process: an unreachable cluster is exit 3 with one line, not minutes of silence;
/// a refusal is exit 2 with its field, as a JSON object under --json; no stack trace unless --verbose.</summary>
public class CliErrorTests
{
    private static Task<(int Code, string Out, string Error)> Cli(params string[] args) => CliProcess.RunAsync(args);

    [Fact]
    public async Task An_unreachable_cluster_is_exit_3_with_one_line_and_no_stack_trace()
    {
        var (code, output, error) = await Cli("status", "--gateway", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "2");

        Assert.Equal(3, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("unreachable: cannot reach the cluster on gateway port", line);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
