using System.Xml.Linq;

namespace Orchestration.Tests.Unit.Architecture;

/// <summary>
/// The solution's references point one way: the contract and the shared service defaults at the bottom, then the
/// libraries built on them (client, Azure connection, grains, gateway, web console, the studio as AI functions), the
/// rooms built beside the studio's grains (notifications, the LLM agent kind) and on the client (its AI functions), then the programs that compose them (silo,
/// simulator, samples), then the CLI, then benchmarks and tests. Read from the project files themselves, so a new
/// reference that points up, or a client that starts carrying a silo or the Azure SDK, fails here.
/// </summary>
public class ProjectGraphTests
{
    private static readonly Dictionary<string, int> Layer = new()
    {
        ["Orchestration.Grains.Interfaces"] = 0,
        ["Orchestration.ServiceDefaults"] = 0,
        ["Orchestration.Client"] = 1,
        ["Orchestration.AzureStorage"] = 1,
        ["Orchestration.Grains"] = 1,
        ["Orchestration.Gateway"] = 1,
        ["Orchestration.WebConsole"] = 1,
        ["Orchestration.Functions"] = 1,
        ["Orchestration.Notifications"] = 2,
        ["Orchestration.LlmAgents"] = 2,
        ["Orchestration.Client.AI"] = 2,
        ["Orchestration.Silo"] = 3,
        ["Orchestration.Simulation"] = 3,
        ["Orchestration.Walkthrough"] = 3,
        ["Orchestration.AgentFrameworkSample"] = 3,
        ["Orchestration.Cli"] = 4,
        ["Orchestration.Bench"] = 5,
        ["Orchestration.Tests.Unit"] = 5,
        ["Orchestration.Tests.Cluster"] = 5,
    };

    private static readonly Lazy<Dictionary<string, ProjectFile>> Projects = new(Load);

    [Fact]
    public void Every_project_has_a_layer_and_every_reference_points_to_a_lower_one()
    {
        Assert.Equal(Layer.Keys.Order(), Projects.Value.Keys.Order());
        var upward = Projects.Value.Values
            .SelectMany(p => p.References.Select(r => (From: p.Name, To: r)))
            .Where(edge => Layer[edge.To] >= Layer[edge.From])
            .Select(edge => $"{edge.From} (layer {Layer[edge.From]}) → {edge.To} (layer {Layer[edge.To]})");
        Assert.Empty(upward);
    }

    [Theory]
    [InlineData("Orchestration.Client")]
    [InlineData("Orchestration.Grains.Interfaces")]
    [InlineData("Orchestration.ServiceDefaults")]
    public void What_an_agent_service_references_carries_no_silo_grains_simulator_or_Azure_SDK(string package)
    {
        var closure = Closure(package);
        Assert.DoesNotContain(closure, p => p is "Orchestration.Grains" or "Orchestration.Silo" or "Orchestration.Gateway" or "Orchestration.Simulation" or "Orchestration.AzureStorage");
        var packages = closure.SelectMany(p => Projects.Value[p].Packages).ToList();
        Assert.DoesNotContain(packages, p => p.Contains("Azure", StringComparison.Ordinal) || p.Contains("TestingHost", StringComparison.Ordinal) || p.Contains("Orleans.Server", StringComparison.Ordinal));
    }

    [Fact]
    public void The_web_console_reaches_the_studio_through_its_contract_alone() =>
        Assert.Equal(["Orchestration.Grains.Interfaces"], Closure("Orchestration.WebConsole").Where(p => p != "Orchestration.WebConsole").Order());

    [Fact]
    public void The_silo_and_the_simulator_reach_neither_the_client_library_nor_each_other()
    {
        Assert.DoesNotContain("Orchestration.Client", Closure("Orchestration.Silo"));
        Assert.DoesNotContain("Orchestration.Silo", Closure("Orchestration.Simulation"));
        Assert.DoesNotContain("Orchestration.Silo", Closure("Orchestration.Cli"));
    }

    [Fact]
    public void Only_what_agent_developers_reference_and_the_operator_tool_are_packable()
    {
        Assert.Equal(
            ["Orchestration.AzureStorage", "Orchestration.Cli", "Orchestration.Client", "Orchestration.Client.AI", "Orchestration.Functions", "Orchestration.Grains", "Orchestration.Grains.Interfaces", "Orchestration.LlmAgents", "Orchestration.Notifications", "Orchestration.ServiceDefaults", "Orchestration.Simulation"],
            Projects.Value.Values.Where(p => p.Packable).Select(p => p.Name).Order());
    }

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>([project]);
        while (next.TryPop(out var p))
            if (seen.Add(p)) foreach (var r in Projects.Value[p].References) next.Push(r);
        return seen;
    }

    private sealed record ProjectFile(string Name, IReadOnlyList<string> References, IReadOnlyList<string> Packages, bool Packable);

    private static Dictionary<string, ProjectFile> Load()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Orchestration.sln"))) root = root.Parent ?? throw new InvalidOperationException("Orchestration.sln not found above the tests");
        return Directory.EnumerateFiles(root.FullName, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "templates" or ".template.config"))
            .Select(path =>
            {
                var xml = XDocument.Load(path);
                return new ProjectFile(
                    Path.GetFileNameWithoutExtension(path),
                    [.. xml.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)))],
                    [.. xml.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value)],
                    xml.Descendants("IsPackable").LastOrDefault()?.Value == "true");
            })
            .ToDictionary(p => p.Name);
    }
}
