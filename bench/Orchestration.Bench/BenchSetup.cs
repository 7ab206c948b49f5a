using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Grains.Portfolio;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Bench;

/// <summary>What the benches share: their options, where results go, the report they send. (ThroughputBench keeps
/// its own copies: it is copied as one file into older commits to measure them.)</summary>
internal static class BenchSetup
{
    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>The repository root, where bench/RESULTS-*.md are written.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestration.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The conflict path slips the same experiment again and again; in a studio that is a recurring conflict,
    /// held for a human after <c>Portfolio:ConflictRaisesBeforeHuman</c> raises. The bench measures the automatic path,
    /// so it lets every raise be decided.</summary>
    public static void RepeatedSlips(IServiceCollection services) =>
        services.Configure<PortfolioOptions>(o => o.ConflictRaisesBeforeHuman = int.MaxValue);

    /// <summary>The bench clusters' root credential: the bench plays every part, as a silo host's own tools may.</summary>
    public static readonly string RootKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static string RootToken => Orchestration.Grains.Interfaces.Identity.OrchestrationIdentity.RootPrefix + RootKey;

    public static ISiloBuilder WithRoot(this ISiloBuilder silo)
    {
        silo.Services.Configure<Orchestration.Grains.Identity.IdentityOptions>(o => o.RootKey = RootKey);
        return silo;
    }

    public static IClientBuilder AsRoot(this IClientBuilder client) => Orchestration.Client.Hosting.OrchestrationClientBuilderExtensions.UseOrchestrationCredential(client, RootToken);

    public static BlockerReport Blocker(string id, string agent) => new(id, agent, "checkout", "Experiment needs three more weeks",
        "checkout-v2", "Release date at risk", Severity.High, "studio-producer");
}
