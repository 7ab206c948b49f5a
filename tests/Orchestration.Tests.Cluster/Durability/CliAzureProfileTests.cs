using System.Text.Json;
using Orchestration.Client.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>The operator CLI against a deployed cluster: an Azure-profile silo process on Azurite, reached through the
/// cluster's storage and over mutual TLS, as an operator of the Kubernetes deployment would reach it.</summary>
public class CliAzureProfileTests
{
    [Fact]
    public async Task The_CLI_reaches_an_Azure_profile_cluster_with_its_certificate_and_is_refused_without_one()
    {
        await Azurite.EnsureRunningAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (clusterId, serviceId) = ($"cli-{run}", $"svc-{run}");
        await using var silo = await SiloProcess.StartAsync("--Orchestration:Profile=Azure", $"--Orchestration:AzureStorage={Azurite.ConnectionString}",
            $"--Orchestration:ClusterId={clusterId}", $"--Orchestration:ServiceId={serviceId}");
        var tls = TestCertificates.Cluster;
        string[] azure = ["--profile", "azure", "--connection", Azurite.ConnectionString, "--cluster-id", clusterId, "--service-id", serviceId,
            "--tls-certificate", Path.Combine(tls.Directory, "client.pfx"), "--tls-authority", Path.Combine(tls.Directory, "ca.pem")];

        var (code, _, error) = await CliProcess.RunAsync(["agents", "register", "--id", "llm-1", "--kind", "experiment-tracker", "--name", "LLM", "--capacity", "1", .. azure]);
        Assert.True(code == 0, error);
        var (statusCode, status, statusError) = await CliProcess.RunAsync(["status", "--json", .. azure]);
        Assert.True(statusCode == 0, statusError);
        Assert.Equal(1, JsonDocument.Parse(status).RootElement.GetProperty("agents").GetInt32());

        var journal = Path.Combine(Path.GetTempPath(), $"azure-journal-{run}.jsonl");
        try
        {
            Assert.Equal(0, (await CliProcess.RunAsync(["journal", "export", "--out", journal, .. azure])).Code);
            Assert.Equal("llm-1", Assert.Single((await JournalFile.ReadAsync(journal)).Events.OfType<AgentJoined>()).Agent.AgentId);
        }
        finally
        {
            File.Delete(journal);
        }

        // Without a certificate the CLI does not even try; with another authority's it is refused at the handshake.
        var (missing, _, why) = await CliProcess.RunAsync(["status", "--profile", "azure", "--connection", Azurite.ConnectionString, "--cluster-id", clusterId]);
        Assert.Equal(2, missing);
        Assert.StartsWith("refused: --tls-certificate:", why.Trim(), StringComparison.Ordinal);
        var rogue = TestCertificates.Rogue;
        var (refused, _, refusedWhy) = await CliProcess.RunAsync(["status", "--timeout", "5", "--profile", "azure", "--connection", Azurite.ConnectionString,
            "--cluster-id", clusterId, "--service-id", serviceId, "--tls-certificate", Path.Combine(rogue.Directory, "client.pfx"), "--tls-authority", Path.Combine(tls.Directory, "ca.pem")]);
        Assert.Equal(3, refused);
        Assert.StartsWith($"unreachable: cannot reach cluster '{clusterId}'", refusedWhy.Trim(), StringComparison.Ordinal);
    }
}
