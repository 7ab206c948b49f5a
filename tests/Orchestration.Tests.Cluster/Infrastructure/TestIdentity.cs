using Microsoft.Extensions.DependencyInjection;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// The root credential of every cluster a test run starts — in-process test clusters, silo processes — and the one
/// their clients, the CLI and the samples carry unless a test acts as someone else (<c>StudioClient.As</c>): root may
/// do anything, as the silo host's own tools may. Tests of who may do what use studio credentials.
/// </summary>
public static class TestIdentity
{
    public static readonly string RootKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static string RootToken => OrchestrationIdentity.RootPrefix + RootKey;

    /// <summary>The environment a program run by a test gets: the root credential.</summary>
    public static IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["Orchestration__Credential"] = RootToken };

    public static ISiloBuilder WithTestRoot(this ISiloBuilder silo)
    {
        silo.Services.Configure<IdentityOptions>(o => o.RootKey = RootKey);
        return silo;
    }

    public static IClientBuilder AsTestRoot(this IClientBuilder client) => client.UseOrchestrationCredential(RootToken);
}
