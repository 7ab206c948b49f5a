using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Orchestration.ServiceDefaults;

/// <summary>
/// Mutual TLS for a cluster on the Azure profile: every silo and every client (agent services, the CLI) holds a
/// certificate signed by the cluster's own certificate authority, and accepts a peer only if its certificate chains to
/// that authority. A process without one does not get past the handshake, so only trusted services reach the
/// gateway. deploy/tls/make-dev-certs.sh makes a development authority and certificates; docs/OPERATIONS.md says how
/// to rotate them.
/// </summary>
public sealed class OrchestrationTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
{
    public OrchestrationTls(X509Certificate2 certificate, X509Certificate2 authority)
        : this(certificate, [authority])
    {
    }

    /// <summary>The name silos present (the silo certificate's DNS name); clients ask for it when they connect.</summary>
    public const string SiloHostName = "orchestration-silo";

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The certificate authorities a peer's certificate may chain to: one, or two while the authority is
    /// being replaced (docs/OPERATIONS.md, rotation).</summary>
    public X509Certificate2Collection Authorities { get; } = authorities;

    /// <summary>Loads a PKCS#12 (.pfx) certificate with its key, and the authorities' certificates (a PEM file, one or more).</summary>
    public static OrchestrationTls Load(string certificatePath, string? password, string authorityPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(authorityPath);
        if (authorities.Count == 0) throw new InvalidOperationException($"'{authorityPath}' holds no PEM certificate");
        return new(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password), authorities);
    }

    /// <summary>Whether <paramref name="remote"/> chains to one of this cluster's authorities (and only to them).</summary>
    public bool Trusts(X509Certificate2 remote)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a development authority publishes no revocation list
        return chain.Build(remote);
    }

    /// <summary>The TLS settings both ends share: present this certificate, require the peer's, trust only the authority.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => Trusts(remote);
        options.OnAuthenticateAsClient = (_, authentication) => authentication.TargetHost = SiloHostName;
    }
}
