using Orchestration.ServiceDefaults;
using Orleans.Connections.Security;

namespace Orchestration.Silo.Hosting;

/// <summary>The certificate files of <see cref="OrchestrationSiloOptions.Tls"/>.</summary>
public sealed class SiloTlsSettings
{
    /// <summary>This silo's certificate and key, PKCS#12 (.pfx), issued for <see cref="OrchestrationTls.SiloHostName"/>
    /// with server and client authentication (a silo is a client of the other silos).</summary>
    public string? Certificate { get; set; }

    /// <summary>The .pfx file's password, if it has one (from a secret, not appsettings).</summary>
    public string? Password { get; set; }

    /// <summary>The cluster's certificate authority (PEM): silos and clients are trusted only if their certificate chains to it.</summary>
    public string? Authority { get; set; }
}

public static class SiloTls
{
    /// <summary>Mutual TLS on silo-to-silo and gateway connections: a peer or client without a certificate from the
    /// cluster's authority is refused at the handshake.</summary>
    public static ISiloBuilder UseOrchestrationTls(this ISiloBuilder silo, OrchestrationTls tls) =>
        silo.UseTls(tls.Certificate, options =>
        {
            tls.Configure(options);
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate; // clients too, not only silos
        });
}
