using Orchestration.Client.Journal;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Journal;

/// <summary><c>journal export</c>: a running studio's journal to a file, through the contract, and read back whole.</summary>
public class JournalExportTests
{
    [Fact]
    public async Task The_CLI_exports_a_running_studios_journal_that_reads_back_event_for_event()
    {
        await using var silo = await SiloProcess.StartAsync();
        var gateway = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var id in new[] { "tracker-a", "shipper-b" })
            Assert.Equal(0, (await CliProcess.RunAsync("agents", "register", "--id", id, "--kind", AgentKinds.ProjectShipper, "--name", id, "--capacity", "2", "--gateway", gateway)).Code);
        Assert.Equal(0, (await CliProcess.RunAsync("reports", "blocker", "--id", "blk-1", "--agent", "tracker-a", "--project", "checkout", "--summary", "Needs three more weeks",
            "--blocks", "checkout-v2", "--impact", "Date at risk", "--severity", "High", "--owner", "producer", "--gateway", gateway)).Code);

        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            var (code, _, error) = await CliProcess.RunAsync("journal", "export", "--out", path, "--gateway", gateway);
            Assert.True(code == 0, error);
            Assert.StartsWith("exported ", error.Trim(), StringComparison.Ordinal);

            var (header, events) = await JournalFile.ReadAsync(path);
            Assert.Equal(("default", JournalFile.Version), (header.StudioId, header.Version));
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Equal(["tracker-a", "shipper-b"], events.OfType<AgentJoined>().Select(e => e.Agent.AgentId));
            Assert.Equal("blk-1", Assert.Single(events.OfType<ReportRaised>()).Report.ReportId);

            // A window that ends before the first event holds none; a refused window is exit 2 naming the option.
            Assert.Equal(0, (await CliProcess.RunAsync("journal", "export", "--out", path, "--to", "2001-01-01", "--gateway", gateway)).Code);
            Assert.Empty((await JournalFile.ReadAsync(path)).Events);
            var (refused, _, why) = await CliProcess.RunAsync("journal", "export", "--out", path, "--from", "2026-12-01", "--to", "2026-11-01", "--gateway", gateway);
            Assert.Equal(2, refused);
            Assert.StartsWith("refused: --to:", why.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
