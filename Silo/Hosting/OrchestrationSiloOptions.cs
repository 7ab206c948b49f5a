using Orchestration.Grains.Interfaces.Cluster;

namespace Orchestration.Silo.Hosting;

/// <summary>The silo's configuration section "Orchestration". Checked before the silo starts.</summary>
public sealed class OrchestrationSiloOptions
{
    public const string Section = "Orchestration";

    /// <summary>Development: localhost clustering, in-memory storage, memory streams, in-memory reminders.</summary>
    public string Profile { get; set; } = SiloProfiles.Development;

    public string ClusterId { get; set; } = OrchestrationCluster.DevelopmentClusterId;

    public string ServiceId { get; set; } = OrchestrationCluster.ServiceId;

    public int SiloPort { get; set; } = OrchestrationCluster.DefaultSiloPort;

    public int GatewayPort { get; set; } = OrchestrationCluster.DefaultGatewayPort;

    /// <summary>Azure profile: the storage account's connection string ("UseDevelopmentStorage=true" reaches Azurite).</summary>
    public string? AzureStorage { get; set; }

    /// <summary>Azure profile: the address other silos and clients reach this silo at (a pod's IP in Kubernetes).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Azure profile: listen on every address of the host (0.0.0.0) rather than on <see cref="AdvertisedAddress"/>
    /// alone. Off by default: a silo listens where it says it can be reached (the pod's IP, or loopback locally).</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>Azure profile in Kubernetes: silo name from the pod name, advertised address from the pod IP, cluster
    /// and service ids from the pod's labels (Orleans' Kubernetes hosting; see deploy/kubernetes).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>Where the silo serves HTTP: health checks, /metrics, the dashboard.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The Orleans Dashboard at /dashboard: on in Development unless set; never on by default elsewhere.</summary>
    public bool? Dashboard { get; set; }

    /// <summary>
    /// Kinds of agent that run outside the silo and join over the client (or HTTP): the design card's future agents,
    /// by configuration rather than code ("Orchestration:ExternalAgentKinds:0" = "design-reviewer"). Each is a kind
    /// name like the built-in ones: lower-case letters, digits and hyphens.
    /// </summary>
    public string[] ExternalAgentKinds { get; set; } = [];

    /// <summary>The secret every silo of the cluster derives its stream signing key from (base64 of at least 32 random
    /// bytes; <c>openssl rand -base64 32</c>): silos sign stream messages with ECDSA P-256, receivers verify with the
    /// public key. Required by the Azure profile, where several silos must share it; in Development, unset means a
    /// secret made for the process.</summary>
    public string? StreamSigningKey { get; set; }

    /// <summary>The <see cref="StreamSigningKey"/> before the last rollover: messages it signed are still accepted
    /// (docs/OPERATIONS.md, "Rolling the stream signing key"). Clear it once every silo runs the new key.</summary>
    public string? PreviousStreamSigningKey { get; set; }

    /// <summary>The cluster's root credential (<c>orch-root.</c> and this key; base64 of at least 32 random bytes, the
    /// same on every silo): it may do anything in every studio. For bootstrap — an operator issues the first operator
    /// credentials with it — and break-glass; leave it unset once operators hold their own, and the cluster has none.
    /// A Development silo without one makes one and writes it to <c>~/.orchestration/credential</c> for the CLI.</summary>
    public string? RootKey { get; set; }

    /// <summary>Azure profile: mutual TLS between silos and with every client (required there; Development stays plain
    /// on localhost). deploy/tls/make-dev-certs.sh makes a development set.</summary>
    public SiloTlsSettings Tls { get; set; } = new();

    /// <summary>How long a silo waits for a peer's answer to a liveness probe. With <see cref="MissedProbesLimit"/>,
    /// how soon a dead silo is declared dead and its grains move: 2 s × 3 about 6 s, so an agent service's calls
    /// resume within 10 s of a silo's loss (Orleans' own defaults take 15 s or more). Raise both where GC pauses or a
    /// slow network could make a live silo miss probes.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Probes a silo may miss before its peers vote it dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    public void Validate()
    {
        var errors = new List<string>();
        if (ProbeTimeout < TimeSpan.FromMilliseconds(500) || ProbeTimeout > TimeSpan.FromMinutes(1))
            errors.Add($"{Section}:ProbeTimeout {ProbeTimeout} is outside 00:00:00.5 to 00:01:00");
        if (MissedProbesLimit is < 1 or > 10) errors.Add($"{Section}:MissedProbesLimit {MissedProbesLimit} is outside 1 to 10");
        for (var i = 0; i < ExternalAgentKinds.Length; i++)
            if (!System.Text.RegularExpressions.Regex.IsMatch(ExternalAgentKinds[i] ?? "", "^[a-z][a-z0-9-]{0,63}$"))
                errors.Add($"{Section}:ExternalAgentKinds:{i} '{ExternalAgentKinds[i]}' is not a kind name: lower-case letters, digits and hyphens, starting with a letter, at most 64");
        if (ExternalAgentKinds.Distinct(StringComparer.Ordinal).Count() != ExternalAgentKinds.Length)
            errors.Add($"{Section}:ExternalAgentKinds lists a kind more than once");
        if (!SiloProfiles.All.Contains(Profile))
            errors.Add($"{Section}:Profile is '{Profile}'; supported profiles: {string.Join(", ", SiloProfiles.All)}");
        if (string.IsNullOrWhiteSpace(ClusterId)) errors.Add($"{Section}:ClusterId is required");
        if (string.IsNullOrWhiteSpace(ServiceId)) errors.Add($"{Section}:ServiceId is required");
        if (SiloPort is < 1 or > 65535) errors.Add($"{Section}:SiloPort {SiloPort} is not a TCP port");
        if (GatewayPort is < 1 or > 65535) errors.Add($"{Section}:GatewayPort {GatewayPort} is not a TCP port");
        if (SiloPort == GatewayPort) errors.Add($"{Section}:SiloPort and GatewayPort must differ");
        if (Profile == SiloProfiles.Azure && string.IsNullOrWhiteSpace(AzureStorage))
            errors.Add($"{Section}:AzureStorage (a connection string) is required by the Azure profile");
        if (Profile == SiloProfiles.Azure && string.IsNullOrWhiteSpace(StreamSigningKey))
            errors.Add($"{Section}:StreamSigningKey (base64 of at least 32 random bytes, the same on every silo) is required by the Azure profile");
        foreach (var (name, value) in new[] { ("StreamSigningKey", StreamSigningKey), ("PreviousStreamSigningKey", PreviousStreamSigningKey), ("RootKey", RootKey) })
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var key = new byte[value.Length];
            if (!Convert.TryFromBase64String(value, key, out var length) || length < 32)
                errors.Add($"{Section}:{name} is not base64 of at least 32 bytes");
        }

        if (Profile == SiloProfiles.Azure)
        {
            foreach (var (key, path) in new[] { ("Certificate", Tls.Certificate), ("Authority", Tls.Authority) })
            {
                if (string.IsNullOrWhiteSpace(path))
                    errors.Add($"{Section}:Tls:{key} (a file path) is required by the Azure profile: silos and clients authenticate each other with certificates");
                else if (!File.Exists(path))
                    errors.Add($"{Section}:Tls:{key} '{path}' does not exist");
            }
        }

        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
            errors.Add($"{Section}:AdvertisedAddress '{AdvertisedAddress}' is not an IP address");
        if (!Uri.TryCreate(HttpUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            errors.Add($"{Section}:HttpUrl '{HttpUrl}' is not an http(s) URL");
        if (errors.Count > 0)
            throw new InvalidOperationException("Invalid silo configuration: " + string.Join("; ", errors));
    }
}
