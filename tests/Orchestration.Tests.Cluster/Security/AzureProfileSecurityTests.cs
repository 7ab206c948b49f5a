using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Orchestration.ServiceDefaults;
using Orchestration.Silo.Hosting;

namespace Orchestration.Tests.Cluster.Security;

/// <summary>The Azure profile does not start insecure, and the development authority script makes certificates the
/// cluster accepts.</summary>
public class AzureProfileSecurityTests
{
    private static OrchestrationSiloOptions Azure(Action<OrchestrationSiloOptions>? change = null)
    {
        var options = new OrchestrationSiloOptions { Profile = SiloProfiles.Azure, AzureStorage = "UseDevelopmentStorage=true" };
        change?.Invoke(options);
        return options;
    }

    [Fact]
    public void The_Azure_profile_refuses_to_start_without_certificates_or_a_stream_signing_key()
    {
        var message = Assert.Throws<InvalidOperationException>(() => Azure().Validate()).Message;
        Assert.Contains("Orchestration:StreamSigningKey", message, StringComparison.Ordinal);
        Assert.Contains("Orchestration:Tls:Certificate", message, StringComparison.Ordinal);
        Assert.Contains("Orchestration:Tls:Authority", message, StringComparison.Ordinal);

        Assert.Contains("is not base64 of at least 32 bytes", Assert.Throws<InvalidOperationException>(() =>
            Azure(o => o.StreamSigningKey = Convert.ToBase64String(new byte[16])).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("'/nowhere/silo.pfx' does not exist", Assert.Throws<InvalidOperationException>(() =>
            Azure(o => o.Tls.Certificate = "/nowhere/silo.pfx").Validate()).Message, StringComparison.Ordinal);

        new OrchestrationSiloOptions().Validate(); // Development: plain on localhost, a key per process
    }

    [Fact]
    public async Task The_development_authority_script_makes_certificates_the_cluster_accepts()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"orchestration-devcerts-{Guid.NewGuid():N}");
        try
        {
            using var script = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { Infrastructure.Repository.File("deploy", "tls", "make-dev-certs.sh"), dir, "cli", "tracker-service" }, RedirectStandardOutput = true, RedirectStandardError = true })!;
            await script.WaitForExitAsync();
            Assert.True(script.ExitCode == 0, await script.StandardError.ReadToEndAsync());

            var silo = OrchestrationTls.Load(Path.Combine(dir, "silo.pfx"), null, Path.Combine(dir, "ca.pem"));
            var client = OrchestrationTls.Load(Path.Combine(dir, "cli.pfx"), null, Path.Combine(dir, "ca.pem"));
            Assert.True(silo.Certificate.HasPrivateKey && client.Certificate.HasPrivateKey);
            Assert.True(silo.Trusts(client.Certificate));
            Assert.True(client.Trusts(silo.Certificate));
            Assert.Contains(OrchestrationTls.SiloHostName, silo.Certificate.GetNameInfo(X509NameType.DnsName, false), StringComparison.Ordinal);
            Assert.False(silo.Trusts(Infrastructure.TestCertificates.Cluster.Client)); // another authority's client
            Assert.True(File.Exists(Path.Combine(dir, "tracker-service.pfx")));

            // Replacing the authority: a bundle of the old and the new one trusts certificates from either.
            var bundle = Path.Combine(dir, "bundle.pem");
            await File.WriteAllTextAsync(bundle, await File.ReadAllTextAsync(Path.Combine(dir, "ca.pem")) + Infrastructure.TestCertificates.Cluster.Authority.ExportCertificatePem());
            var both = OrchestrationTls.Load(Path.Combine(dir, "silo.pfx"), null, bundle);
            Assert.Equal(2, both.Authorities.Count);
            Assert.True(both.Trusts(client.Certificate) && both.Trusts(Infrastructure.TestCertificates.Cluster.Client));
            Assert.False(both.Trusts(Infrastructure.TestCertificates.Rogue.Client));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
