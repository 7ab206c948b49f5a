using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestration.ServiceDefaults;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// A certificate authority with a silo and a client certificate, made in memory once per test run (as
/// deploy/tls/make-dev-certs.sh makes them with openssl), and written to files for silo processes. A second, rogue
/// authority signs a client certificate the cluster must refuse.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<CertificateSet> ClusterSet = new(() => CertificateSet.Create("cluster"));
    private static readonly Lazy<CertificateSet> RogueSet = new(() => CertificateSet.Create("rogue"));

    public static CertificateSet Cluster => ClusterSet.Value;

    public static CertificateSet Rogue => RogueSet.Value;
}

public sealed record CertificateSet(X509Certificate2 Authority, X509Certificate2 Silo, X509Certificate2 Client, string Directory)
{
    public OrchestrationTls SiloTls => new(Silo, Authority);

    public OrchestrationTls ClientTls => new(Client, Authority);

    /// <summary>The settings a silo process of the Azure profile needs for these certificates.</summary>
    public string[] SiloSettings =>
        [$"--Orchestration:Tls:Certificate={Path.Combine(Directory, "silo.pfx")}", $"--Orchestration:Tls:Authority={Path.Combine(Directory, "ca.pem")}"];

    public static CertificateSet Create(string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN=Orchestration {name} test CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        using var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        var silo = Issue(authority, OrchestrationTls.SiloHostName, server: true, now);
        var client = Issue(authority, $"{name}-client", server: false, now);
        var directory = Path.Combine(Path.GetTempPath(), $"orchestration-tls-{name}-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "ca.pem"), authority.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(directory, "silo.pfx"), silo.Export(X509ContentType.Pfx));
        File.WriteAllBytes(Path.Combine(directory, "client.pfx"), client.Export(X509ContentType.Pfx));
        return new CertificateSet(X509CertificateLoader.LoadCertificate(authority.RawData), silo, client, directory);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, bool server, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }; // client authentication
        if (server) usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));            // and server authentication, for silos
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(subject);
        request.CertificateExtensions.Add(names.Build());
        using var issued = request.Create(authority, now.AddDays(-1), now.AddMonths(6), RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null); // a key the TLS stack can use on every platform
    }
}
