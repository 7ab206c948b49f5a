using System.Security.Cryptography.X509Certificates;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.ServiceDefaults;
using Orchestration.Silo.Hosting;
using Orchestration.Tests.Cluster.Infrastructure;
using Orleans.Connections.Security;
using Orleans.TestingHost;

namespace Orchestration.Tests.Cluster.Security;

/// <summary>
/// The Azure profile's transport: mutual TLS on the silo and its gateway, with the configuration the profile applies
/// (<c>UseOrchestrationTls</c>). A client holding a certificate from the cluster's authority reaches the studio;
/// a plain client, a TLS client without a certificate, and one whose certificate another authority signed are
/// refused at the handshake. (The silo-process tests run the Azure profile itself, over the same TLS.)
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2); // two: silo-to-silo traffic goes over TLS too
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStudioProviders();
            silo.Services.AddOrchestrationGrains();
            silo.WithTestRoot();
            silo.UseOrchestrationTls(TestCertificates.Cluster.SiloTls);
        });
        builder.ConfigureClient(client =>
        {
            client.AddOrchestrationStreams().AsTestRoot();
            if (_clientTls is { } tls) client.UseTls(tls);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>The TLS the cluster's client connects with next (null: plain TCP).</summary>
    private Action<TlsOptions>? _clientTls = TestCertificates.Cluster.ClientTls.Configure;

    /// <summary>Replaces the cluster's client with one that connects with <paramref name="tls"/>, and asks the studio something.</summary>
    private async Task Connect(Action<TlsOptions>? tls, int seconds = 30)
    {
        _clientTls = tls;
        await _cluster.KillClientAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await _cluster.InitializeClientAsync().WaitAsync(timeout.Token);
        await new StudioClient(_cluster.Client, Ids.New("studio")).GetOverviewAsync().WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task Only_a_client_with_a_certificate_from_the_cluster_authority_reaches_the_gateway()
    {
        var cluster = TestCertificates.Cluster;
        var overview = await new StudioClient(_cluster.Client, Ids.New("studio")).GetOverviewAsync();
        Assert.Equal(0, overview.Agents);

        // A refused client never gets an answer: its handshake fails on every attempt (8 s is many attempts).
        await Assert.ThrowsAnyAsync<Exception>(() => Connect(null, seconds: 8));
        await Assert.ThrowsAnyAsync<Exception>(() => Connect(o =>
        {
            cluster.ClientTls.Configure(o);
            o.LocalCertificate = null; // TLS, trusting the silo, but presenting no certificate
        }, seconds: 8));
        await Assert.ThrowsAnyAsync<Exception>(() => Connect(new OrchestrationTls(TestCertificates.Rogue.Client, cluster.Authority).Configure, seconds: 8));

        // And the right certificate still gets in (the refusals were the certificates', not the cluster's).
        await Connect(cluster.ClientTls.Configure);
    }

    [Fact]
    public void A_certificate_is_trusted_only_if_it_chains_to_the_cluster_authority()
    {
        var tls = TestCertificates.Cluster.SiloTls;
        Assert.True(tls.Trusts(TestCertificates.Cluster.Client));
        Assert.True(tls.Trusts(TestCertificates.Cluster.Silo));
        Assert.False(tls.Trusts(TestCertificates.Rogue.Client));
        Assert.False(tls.Trusts(X509CertificateLoader.LoadCertificate(TestCertificates.Rogue.Authority.RawData)));
    }
}
