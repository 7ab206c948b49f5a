using System.Text.Json;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>What the CLI prints, piped: tables whose long cells wrap inside their column (a 4 KB summary does not
/// become one 4 KB line), a conflict as a tree, and one switch, --json, for machine-readable output everywhere.</summary>
public class CliOutputTests
{
    [Fact]
    public async Task A_long_summary_wraps_inside_its_column_and_json_gives_it_whole()
    {
        await using var silo = await SiloProcess.StartAsync();
        var gateway = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var summary = string.Join(' ', Enumerable.Range(1, 300).Select(i => $"word{i}"));
        Assert.Equal(0, (await CliProcess.RunAsync("agents", "register", "--id", "a1", "--kind", "project-shipper", "--name", "A1", "--capacity", "2", "--gateway", gateway)).Code);
        var reported = await CliProcess.RunAsync("reports", "blocker", "--id", "blk-long", "--agent", "a1", "--project", "checkout", "--summary", summary,
            "--blocks", "checkout-v2", "--impact", "late", "--severity", "high", "--owner", "producer", "--gateway", gateway);
        Assert.True(reported.Code == 0, reported.Error);

        var (code, table, error) = await CliProcess.RunAsync("reports", "list", "--gateway", gateway);
        Assert.True(code == 0, error);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.Length <= 200, $"a line of {line.Length} characters"));
        Assert.StartsWith("ID", lines[0].Trim(), StringComparison.Ordinal);
        Assert.True(lines.Length > 5, "the summary wraps over several lines of its column");
        var words = lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        Assert.All(Enumerable.Range(1, 300), i => Assert.Contains($"word{i}", words));

        var (jsonCode, json, _) = await CliProcess.RunAsync("reports", "list", "--gateway", gateway, "--json");
        Assert.Equal(0, jsonCode);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(summary, parsed.RootElement.EnumerateArray().Single().GetProperty("summary").GetString());
    }

    /// <summary>One number, one unit, in every surface: the metrics table and the portfolio report both say 50 %, the
    /// JSON keeps the fraction with its unit, and standings read as words.</summary>
    [Fact]
    public async Task Metrics_read_the_same_in_the_table_the_report_and_json()
    {
        await using var silo = await SiloProcess.StartAsync();
        var gateway = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        async Task Run(params string[] args)
        {
            var run = await CliProcess.RunAsync([.. args, "--gateway", gateway]);
            Assert.True(run.Code == 0, run.Error);
        }

        await Run("agents", "register", "--id", "s1", "--kind", "project-shipper", "--name", "S1", "--capacity", "2");
        await Run("projects", "declare", "--id", "p-green", "--name", "Green one", "--owner", "s1");
        await Run("projects", "declare", "--id", "p-yellow", "--name", "Yellow one", "--owner", "s1");
        await Run("projects", "status", "p-green", "--agent", "s1", "--status", "Green", "--reason", "on plan");
        await Run("projects", "status", "p-yellow", "--agent", "s1", "--status", "Yellow", "--reason", "late");

        var table = (await CliProcess.RunAsync("metrics", "--gateway", gateway)).Out;
        var row = table.Split('\n').Single(l => l.Contains("Projects On Track", StringComparison.Ordinal));
        Assert.Contains("50 %", row, StringComparison.Ordinal);
        Assert.Contains("off target", row, StringComparison.Ordinal);
        Assert.DoesNotContain("OffTarget", table, StringComparison.Ordinal);
        Assert.DoesNotContain("0.5 ", row, StringComparison.Ordinal);
        Assert.Contains("| Projects On Track | 50 % | >= 85 % | off target |", (await CliProcess.RunAsync("report", "portfolio", "--gateway", gateway)).Out, StringComparison.Ordinal);

        using var json = JsonDocument.Parse((await CliProcess.RunAsync("metrics", "--gateway", gateway, "--json")).Out);
        var onTrack = json.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "projects-on-track");
        Assert.Equal((0.5, "fraction"), (onTrack.GetProperty("value").GetDouble(), onTrack.GetProperty("unit").GetString()));
    }

    /// <summary>An operator subscribes a group from the CLI: what the command leaves out comes from the seed's matrix.</summary>
    [Fact]
    public async Task A_group_subscribed_from_the_cli_gets_the_matrix_s_channel_briefing_and_cadence()
    {
        await using var silo = await SiloProcess.StartAsync();
        var gateway = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var subscribed = await CliProcess.RunAsync("notifications", "subscribe", "--id", "execs", "--group", "executive-team", "--to", "ceo@example.com", "--gateway", gateway);
        Assert.True(subscribed.Code == 0, subscribed.Error);
        Assert.Contains("subscribed: execs (executive-team, email)", subscribed.Out, StringComparison.Ordinal);

        var (code, listed, error) = await CliProcess.RunAsync("notifications", "list", "--gateway", gateway);
        Assert.True(code == 0, error);
        var row = listed.Split('\n').Single(l => l.Contains("execs", StringComparison.Ordinal));
        Assert.Contains("stakeholder-update every 14 days", row, StringComparison.Ordinal);
        Assert.Contains("decision taken", row, StringComparison.Ordinal);
        Assert.Contains("no dead letters", listed, StringComparison.Ordinal);

        var refused = await CliProcess.RunAsync("notifications", "subscribe", "--id", "bad", "--group", "executive-team", "--to", "nobody", "--gateway", gateway);
        Assert.Equal(2, refused.Code);
        Assert.Contains("subscription.to[0]", refused.Error, StringComparison.Ordinal);
    }
}
