using System.CommandLine;
using Orchestration.AzureStorage;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Interfaces.Cluster;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.ServiceDefaults;

namespace Orchestration.Cli;

/// <summary>
/// Which cluster the CLI talks to. Development (the default): a local silo's gateway port. Azure: the cluster's
/// storage (where its silos list their gateways and its streams run), its cluster and service ids, and a client
/// certificate from the cluster's authority (mutual TLS). Each option may instead come from the environment, under
/// the same names the silo reads (<c>Orchestration__Profile</c>, <c>Orchestration__AzureStorage</c>,
/// <c>Orchestration__ClusterId</c>, <c>Orchestration__ServiceId</c>, <c>Orchestration__Tls__Certificate</c>,
/// <c>Orchestration__Tls__Password</c>, <c>Orchestration__Tls__Authority</c>), so an operator points it at a cluster once.
/// </summary>
internal sealed record CliConnection(string Profile, int GatewayPort, string? Storage, string ClusterId, string ServiceId, string? Certificate, string? Password, string? Authority, string? Credential = null)
{
    public static readonly Option<string> ProfileOption = Shared("--profile", "development (a local silo, the default) or azure (a deployed cluster)");
    public static readonly Option<string> ConnectionOption = Shared("--connection", "Azure: the storage connection string of the cluster (env Orchestration__AzureStorage)");
    public static readonly Option<string> ClusterIdOption = Shared("--cluster-id", "Azure: the cluster id (env Orchestration__ClusterId)");
    public static readonly Option<string> ServiceIdOption = Shared("--service-id", "Azure: the service id (env Orchestration__ServiceId; default orchestration)");
    public static readonly Option<string> CertificateOption = Shared("--tls-certificate", "Azure: this client's certificate, .pfx (env Orchestration__Tls__Certificate)");
    public static readonly Option<string> AuthorityOption = Shared("--tls-authority", "Azure: the cluster's certificate authority, PEM (env Orchestration__Tls__Authority)");
    public static readonly Option<string> CredentialOption = Shared("--credential",
        "Who the CLI acts as: a studio credential (orch.…) or the cluster's root (orch-root.…) (env Orchestration__Credential; Development: else the one the local silo wrote)");

    public static IEnumerable<Option> Options => [ProfileOption, ConnectionOption, ClusterIdOption, ServiceIdOption, CertificateOption, AuthorityOption, CredentialOption];

    public bool IsAzure => Profile == "azure";

    /// <summary>Where the cluster is, for messages.</summary>
    public string Describe() => IsAzure ? $"cluster '{ClusterId}' (service '{ServiceId}')" : $"the silo on gateway port {GatewayPort}";

    public static CliConnection From(ParseResult parse, int gatewayPort)
    {
        string? Value(Option<string> option, string environment) =>
            parse.GetValue(option) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable(environment) is { Length: > 0 } set ? set : null;

        var profile = (Value(ProfileOption, "Orchestration__Profile") ?? "development").ToLowerInvariant();
        if (profile is not ("development" or "azure"))
            throw new InvalidRequestException("--profile", $"is '{profile}'; use development or azure");
        var connection = new CliConnection(profile, gatewayPort,
            Value(ConnectionOption, "Orchestration__AzureStorage"),
            Value(ClusterIdOption, "Orchestration__ClusterId") ?? (profile == "azure" ? "" : OrchestrationCluster.DevelopmentClusterId),
            Value(ServiceIdOption, "Orchestration__ServiceId") ?? OrchestrationCluster.ServiceId,
            Value(CertificateOption, "Orchestration__Tls__Certificate"),
            Environment.GetEnvironmentVariable("Orchestration__Tls__Password"),
            Value(AuthorityOption, "Orchestration__Tls__Authority"),
            Value(CredentialOption, "Orchestration__Credential"));
        if (!connection.IsAzure) return connection;

        if (connection.Storage is null) throw new InvalidRequestException("--connection", "the azure profile needs the cluster's storage connection string");
        if (connection.ClusterId.Length == 0) throw new InvalidRequestException("--cluster-id", "the azure profile needs the cluster id");
        foreach (var (field, path) in new[] { ("--tls-certificate", connection.Certificate), ("--tls-authority", connection.Authority) })
        {
            if (path is null) throw new InvalidRequestException(field, "the azure profile's silos accept only clients with a certificate from the cluster's authority");
            if (!File.Exists(path)) throw new InvalidRequestException(field, $"'{path}' does not exist");
        }

        return connection;
    }

    public void Configure(IClientBuilder client)
    {
        if (IsAzure) client.UseOrchestrationAzure(Storage!, ClusterId, OrchestrationTls.Load(Certificate!, Password, Authority!), ServiceId).UseOrchestrationCredential(Credential);
        else client.UseOrchestrationDevelopment(GatewayPort).UseOrchestrationCredential(Credential);
    }

    private static Option<string> Shared(string name, string description) => new(name) { Description = description, Recursive = true };
}
