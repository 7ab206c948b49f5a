using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Security;

/// <summary>
/// The Azure profile, as deployed: two silo processes on Azurite, mutual TLS. A process holding a valid client
/// certificate passes the handshake — and can then do nothing without a credential, and with one only what it may,
/// as itself. Revoking a credential reaches the other silo within <c>Identity:CredentialCacheFor</c>.
/// </summary>
public class AzureImpersonationTests
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_client_certificate_proves_a_process_not_a_caller_and_a_revocation_reaches_every_silo()
    {
        await using var azure = await AzureSiloCluster.StartAsync("identity", silos: 2, $"--Identity:CredentialCacheFor={CacheFor}");
        var root = new StudioClient(azure.Client, "azure-identity");
        var (trackerId, shipperId) = (Ids.New("tracker"), Ids.New("shipper"));
        var tracker = root.As((await root.Credentials.Issue(new CredentialRequest(trackerId, CredentialRole.Agent))).Token);
        var shipperIssued = await root.Credentials.Issue(new CredentialRequest(shipperId, CredentialRole.Agent));
        var shipper = root.As(shipperIssued.Token);
        var olivia = root.As((await root.Credentials.Issue(new CredentialRequest("olivia", CredentialRole.Operator))).Token);
        await tracker.Producer.RegisterAgent(new AgentRegistration("", AgentKinds.ExperimentTracker, "Tracker", 3, AgentHosting.External));
        await shipper.Producer.RegisterAgent(new AgentRegistration("", AgentKinds.ProjectShipper, "Shipper", 3, AgentHosting.External));
        var blocker = await tracker.Producer.ReportBlocker(Samples.Blocker(""));
        var before = await Snapshot(root);

        // A certified process with no credential connects, and is refused at every call.
        using var certified = await azure.ConnectAsync();
        var anonymous = new StudioClient(certified.Services.GetRequiredService<IClusterClient>(), root.StudioId);
        await Refused("credential", () => anonymous.Producer.GetOverview());
        await Refused("credential", () => anonymous.Producer.ReportBlocker(Samples.Blocker(trackerId)));
        await Refused("credential", () => anonymous.Credentials.Issue(new CredentialRequest("mallory", CredentialRole.Approver)));

        // With an agent's credential, only that agent's part.
        await Refused("request.reportId", () => shipper.Producer.ResolveReport(new ResolveReport(blocker.ReportId, "", "cleared")));
        await Refused("report.agentId", () => shipper.Producer.ReportBlocker(Samples.Blocker(trackerId)));
        await Refused("role", () => shipper.Credentials.Issue(new CredentialRequest("mallory", CredentialRole.Approver)));
        await Refused("role", () => shipper.Producer.PublishStrategy(Samples.Strategy(1, "speed")));
        await Refused("studio", () => new StudioClient(azure.Client, "another-studio").As(shipperIssued.Token).Producer.GetOverview());
        Assert.Equal(before, await Snapshot(root));

        // Revoked: refused at once where the studio's credentials live, and on every silo within the cache's time.
        await shipper.Producer.GetOverview(); // remembered by the silo that serves the Producer
        await olivia.Credentials.Revoke(new CredentialRevocation(shipperIssued.Credential.CredentialId));
        await Refused("credential", () => shipper.Credentials.WhoAmI());
        var revoked = Stopwatch.StartNew();
        await Eventually.Until(async () =>
        {
            try
            {
                await shipper.Producer.GetOverview();
                return false;
            }
            catch (NotPermittedException refused) when (refused.Field == "credential")
            {
                return true;
            }
        }, refused => refused, "every silo to refuse the revoked credential");
        Assert.True(revoked.Elapsed < CacheFor + TimeSpan.FromSeconds(5), $"took {revoked.Elapsed}");
        Assert.Equal("olivia", (await root.Credentials.List()).Single(c => c.CredentialId == shipperIssued.Credential.CredentialId).RevokedBy);
    }

    private static async Task Refused(string field, Func<Task> probe) =>
        Assert.Equal(field, (await Assert.ThrowsAsync<NotPermittedException>(probe)).Field);

    private static async Task<string> Snapshot(StudioClient root) => string.Join("\n",
        await Samples.View(root), string.Join(";", await root.Credentials.List()), (await root.Journal.Read(new JournalQuery(0, JournalQuery.MaxLimit))).Next);
}
