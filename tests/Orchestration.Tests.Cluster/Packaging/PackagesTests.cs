using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Packaging;

/// <summary>
/// What an agent developer and an operator install, from the packages themselves: deploy/pack.sh packs them into a
/// local folder feed (a version of this run's own, so no earlier package in the NuGet cache stands in), then a fresh
/// agent service built against the packages talks to a real dev silo, the agent-kind template is instantiated and its
/// own test passes, and the CLI installed as a .NET tool reaches the silo.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackagesTests(PackagesTests.Feed feed)
{
    public static readonly string[] Packages =
        ["Orchestration.Contracts", "Orchestration.ServiceDefaults", "Orchestration.Client", "Orchestration.Functions", "Orchestration.Client.AI", "Orchestration.AzureStorage", "Orchestration.Grains", "Orchestration.Notifications", "Orchestration.LlmAgents", "Orchestration.Simulation", "Orchestration.Cli"];

    [Fact]
    public async Task Each_package_carries_its_description_licence_readme_commit_and_symbols()
    {
        var head = (await Run("git", Repository.Root, "rev-parse", "HEAD")).Output.Trim();
        foreach (var id in Packages)
        {
            var nuspec = feed.Nuspec(id);
            XNamespace ns = nuspec.Root!.Name.NamespaceName;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value), $"{id}: description");
            Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
            // The commit it was built from, and symbols a debugger can step through without the repository at hand.
            Assert.Equal(head, metadata.Element(ns + "repository")?.Attribute("commit")?.Value);
            using var symbols = ZipFile.OpenRead(Path.Combine(feed.Folder, $"{id}.{feed.Version}.snupkg"));
            var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(pdbs);
            foreach (var pdb in pdbs)
            {
                var (documents, embedded) = PackageAssemblies.SourceDocuments(pdb);
                Assert.True(documents > 0 && embedded == documents, $"{id} {pdb.FullName}: {embedded} of {documents} sources embedded");
            }
        }

        // The client an agent service references brings the contract and the defaults, not Azure, a silo or a test host.
        var client = Dependencies(feed.Nuspec("Orchestration.Client"));
        Assert.Contains("Orchestration.Contracts", client);
        Assert.Contains("Orchestration.ServiceDefaults", client);
        Assert.DoesNotContain(client, d => d.Contains("Azure", StringComparison.Ordinal) || d is "Microsoft.Orleans.Server" or "Microsoft.Orleans.TestingHost");
        Assert.Contains("DotnetTool", feed.Nuspec("Orchestration.Cli").Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")!.Value));
    }

    /// <summary>Packages whose purpose is to bring others (Orleans' SDK brings its runtime assemblies and the
    /// serializers' code generator), so no assembly of theirs is referenced by name.</summary>
    private static readonly string[] MetaPackages = ["Microsoft.Orleans.Sdk", "Microsoft.Orleans.Client"];

    /// <summary>Dependencies kept though no assembly reference names them, each for its reason.</summary>
    private static readonly Dictionary<string, string> KeptOnPurpose = new()
    {
        ["Orchestration.AzureStorage -> Orchestration.Contracts"] = "the stream provider and service id are the contract's constants, compiled in",
        ["Orchestration.AzureStorage -> Azure.Identity"] = "raises the 1.18.0 Orleans' Azure packages ask for to the version the package is tested with",
    };

    [Fact]
    public void Each_library_package_depends_on_what_its_code_uses_and_nothing_else()
    {
        var unused = new List<string>();
        foreach (var id in Packages.Where(p => p != "Orchestration.Cli"))
        {
            var used = PackageAssemblies.ReferencedBy(feed.Assemblies(id).Values);
            foreach (var (dependency, version) in DependenciesWithVersions(feed.Nuspec(id)))
            {
                var provided = dependency.StartsWith("Orchestration.", StringComparison.Ordinal)
                    ? feed.Assemblies(dependency).Keys.ToHashSet()
                    : PackageAssemblies.ProvidedBy(dependency, version);
                if (!MetaPackages.Contains(dependency) && !provided.Overlaps(used) && !KeptOnPurpose.ContainsKey($"{id} -> {dependency}"))
                    unused.Add($"{id} -> {dependency} {version}");
            }
        }

        // Before, transitive pinning wrote every pinned package into each list: Contracts depended on
        // Microsoft.Extensions.Hosting, the client on six OpenTelemetry packages it never names.
        Assert.True(unused.Count == 0, "dependencies no assembly of the package uses:\n" + string.Join("\n", unused));
    }

    [Fact]
    public void The_cli_tool_carries_only_assemblies_its_command_can_load()
    {
        var tool = PackageAssemblies.Images(feed.Package("Orchestration.Cli"), "tools/net10.0/any/")
            .Where(i => !i.Key.Contains('/', StringComparison.Ordinal)) // runtimes/<os>/… are the same assemblies per platform
            .ToDictionary();
        var reachable = PackageAssemblies.ReachableFrom("orchestration", tool);

        var unreachable = tool.Keys.Except(reachable).Order().ToList();
        Assert.True(unreachable.Count == 0, "assemblies nothing references: " + string.Join(" ", unreachable));
        // Orleans lists Roslyn (its build-time code generator) as a dependency of every package; no assembly loads it.
        Assert.DoesNotContain(tool.Keys, k => k.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || k == "Humanizer");
    }

    [Fact]
    public async Task A_fresh_agent_service_built_from_the_packages_reports_a_blocker_to_a_dev_silo()
    {
        var project = feed.Directory("agent-service");
        await File.WriteAllTextAsync(Path.Combine(project, "AgentService.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Orchestration.Client" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.5" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), """
            using Microsoft.Extensions.Hosting;
            using Orchestration.Client;
            using Orchestration.Client.Hosting;
            using Orchestration.Grains.Interfaces.Agents;
            using Orchestration.Grains.Interfaces.Common;
            using Orchestration.Grains.Interfaces.Reports;
            using Orchestration.ServiceDefaults;

            var builder = Host.CreateApplicationBuilder();
            builder.AddOrchestrationServiceDefaults("fresh-agent");
            builder.UseOrleansClient(client => client.UseOrchestrationDevelopment(int.Parse(args[0])));
            using var host = builder.Build();
            await host.StartAsync();
            var studio = StudioClient.Create(host.Services, "fresh");
            await studio.RegisterExternalAgentAsync("tracker-7", AgentKinds.ExperimentTracker, "Tracker 7", 2);
            var receipt = await studio.ReportBlockerAsync(new BlockerReport("blk-fresh", "tracker-7", "checkout", "Needs a device lab",
                "checkout-v2", "Release at risk", Severity.High, "studio-producer"));
            Console.WriteLine($"reported {receipt.ReportId}; open blockers: {(await studio.GetOverviewAsync()).OpenBlockers}");
            await host.StopAsync();
            """);
        var build = await Dotnet(project, "build", "-c", "Release", "--nologo", "-v", "quiet");
        Assert.True(build.Code == 0, build.Output);

        await using var silo = await SiloProcess.StartAsync();
        var run = await Dotnet(project, "run", "-c", "Release", "--no-build", "--", silo.GatewayPort.ToString(CultureInfo.InvariantCulture));
        Assert.True(run.Code == 0, run.Output);
        Assert.Contains("reported blk-fresh; open blockers: 1", run.Output, StringComparison.Ordinal);
        // Quiet by default: the client's own workings (Orleans, the retry policy) log warnings and up only.
        Assert.DoesNotContain("info: Orleans", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("info: Polly", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agent_kind_template_instantiates_builds_and_its_scenario_test_passes()
    {
        var hive = feed.Directory("template-hive");
        var install = await Dotnet(feed.Root, "new", "install", Repository.File("templates", "new-agent"), "--debug:custom-hive", hive);
        Assert.True(install.Code == 0, install.Output);
        // Outside the feed's folder, so no nuget.config of the test's is above it: the generated one names the feed.
        var elsewhere = System.IO.Directory.CreateTempSubdirectory("orchestration-template-").FullName;
        var created = await Dotnet(elsewhere, "new", "orchestration-agent", "-n", "QaBot", "--kind", "qa-bot",
            "--orchestrationVersion", feed.Version, "--feed", feed.Folder, "-o", "QaBot", "--debug:custom-hive", hive);
        Assert.True(created.Code == 0, created.Output);

        var solution = Path.Combine(elsewhere, "QaBot");
        Assert.Contains(feed.Folder, await File.ReadAllTextAsync(Path.Combine(solution, "nuget.config")), StringComparison.Ordinal);
        Assert.Contains("public const string Kind = \"qa-bot\";", await File.ReadAllTextAsync(Path.Combine(solution, "QaBot", "QaBotGrain.cs")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(solution, "QaBot.Tests", "scenarios", "qa-bot.yaml")));

        var test = await Dotnet(Path.Combine(solution, "QaBot.Tests"), "test", "--nologo");
        Assert.True(test.Code == 0, test.Output);
        Assert.Contains("Passed!  - Failed:     0, Passed:     1", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_installs_as_a_dotnet_tool_and_reaches_a_silo()
    {
        var tool = await feed.ToolAsync();

        await using var silo = await SiloProcess.StartAsync();
        var status = await Run(tool, feed.Root, "status", "--gateway", silo.GatewayPort.ToString(CultureInfo.InvariantCulture));
        Assert.True(status.Code == 0, status.Output);
        Assert.Contains("default", status.Output, StringComparison.Ordinal);
    }

    private static List<string> Dependencies(XDocument nuspec) => [.. DependenciesWithVersions(nuspec).Select(d => d.Id)];

    private static IEnumerable<(string Id, string Version)> DependenciesWithVersions(XDocument nuspec) =>
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (e.Attribute("id")!.Value, e.Attribute("version")!.Value));

    private static Task<(int Code, string Output)> Dotnet(string directory, params string[] args) => Run("dotnet", directory, args);

    public static async Task<(int Code, string Output)> Run(string program, string directory, params string[] args)
    {
        var (code, output, error) = await CliProcess.RunProgramAsync(program, directory, args, TimeSpan.FromMinutes(5), new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1",
            ["CONFIGURATION"] = Repository.Configuration, // deploy/pack.sh packs the build the tests run on
        });
        return (code, output + error);
    }

    /// <summary>The packages of this run in a folder feed, and a nuget.config above the projects that use them.</summary>
    public sealed class Feed : IAsyncLifetime
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), $"orchestration-packages-{Guid.NewGuid():N}");

        public string Folder => Path.Combine(Root, "feed");

        /// <summary>A version no other run used: NuGet caches a package by id and version for good.</summary>
        public string Version { get; } = $"0.3.0-test{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):000}";

        public string Directory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

        private Task<string>? _tool;

        /// <summary>The CLI installed from the feed with <c>dotnet tool install</c>, once: the path of its command.</summary>
        public Task<string> ToolAsync() => _tool ??= InstallTool();

        private async Task<string> InstallTool()
        {
            var tools = Directory("tools");
            var install = await Dotnet(Root, "tool", "install", "Orchestration.Cli", "--version", Version, "--tool-path", tools, "--add-source", Folder);
            if (install.Code != 0) throw new InvalidOperationException($"dotnet tool install failed:{Environment.NewLine}{install.Output}");
            return Path.Combine(tools, "orchestration");
        }

        public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

        /// <summary>A library package's assemblies by name.</summary>
        public Dictionary<string, byte[]> Assemblies(string id) => PackageAssemblies.Images(Package(id), "lib/net10.0/");

        public XDocument Nuspec(string id)
        {
            using var package = ZipFile.OpenRead(Package(id));
            using var stream = package.Entries.Single(e => e.FullName == $"{id}.nuspec").Open();
            return XDocument.Load(stream);
        }

        public async Task InitializeAsync()
        {
            System.IO.Directory.CreateDirectory(Folder);
            var pack = await Run("bash", Repository.Root, Repository.File("deploy", "pack.sh"), Folder, Version["0.3.0-".Length..]);
            if (pack.Code != 0) throw new InvalidOperationException($"deploy/pack.sh failed:{Environment.NewLine}{pack.Output}");
            await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="orchestration" value="{Folder}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
        }

        public Task DisposeAsync()
        {
            // This run's packages leave the NuGet cache with the feed.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in Packages)
            {
                var cached = Path.Combine(cache, id.ToLowerInvariant(), Version);
                if (System.IO.Directory.Exists(cached)) System.IO.Directory.Delete(cached, recursive: true);
            }

            System.IO.Directory.Delete(Root, recursive: true);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Tests that use the packed packages share one feed, and run one after another (one of them runs
/// deploy/local-cluster.sh, whose state directory is one per checkout).</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagesTests.Feed>
{
    public const string Name = "packages";
}
