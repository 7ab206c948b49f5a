using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>The README's first run: a dev silo comes up with its hosted agents at work, and the walkthrough sample,
/// an agent service in its own process, plays the seed's workflows against it.</summary>
public class DevSiloTests
{
    [Fact]
    public async Task A_dev_silo_starts_its_hosted_agents_and_the_walkthrough_sample_plays_against_it()
    {
        var home = Directory.CreateTempSubdirectory("dev-home-").FullName;
        await using var silo = await SiloProcess.StartAsDeveloperAsync(home, "--Studio:Id=default"); // the test silos start their agents elsewhere
        await Eventually.Until(() => Task.FromResult(silo.Output), output => output.Contains("Hosted agent shipper-1 (project-shipper) works in studio 'default'", StringComparison.Ordinal),
            "the dev silo starts shipper-1");
        Assert.Contains("Hosted agent tracker-1 (experiment-tracker) works in studio 'default' with capacity 4", silo.Output, StringComparison.Ordinal);

        // The silo made a root credential and wrote it for its owner alone; the sample, configured with none, finds it.
        var file = Path.Combine(home, ".orchestration", "credential");
        Assert.StartsWith("orch-root.", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var developer = new Dictionary<string, string> { ["HOME"] = home, ["Orchestration__Credential"] = "" };
        var (code, output, error) = await CliProcess.RunProgramAsync("dotnet", AppContext.BaseDirectory,
            [Repository.Output("samples/Walkthrough", "Orchestration.Walkthrough.dll"), "--gateway-port", silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(90), developer);
        Assert.True(code == 0, error + output);
        Assert.Contains("walkthrough: registered: tracker-1: Experiment Tracker (experiment-tracker, Hosted, capacity 4)", output, StringComparison.Ordinal);
        Assert.Contains("walkthrough: decision: ", output, StringComparison.Ordinal);
        Assert.Contains("walkthrough: studio: 2 agents, 0 open blockers, 0 open risks, strategy v1, 0 active conflicts", output, StringComparison.Ordinal);

        // Quiet: the story and nothing else. And it plays again, and for another studio, as often as you like.
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("walkthrough: ", line, StringComparison.Ordinal));
        foreach (var again in new[] { Array.Empty<string>(), ["--studio", "second"] })
        {
            var rerun = await CliProcess.RunProgramAsync("dotnet", AppContext.BaseDirectory,
                [Repository.Output("samples/Walkthrough", "Orchestration.Walkthrough.dll"), "--gateway", silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. again],
                TimeSpan.FromSeconds(90), new Dictionary<string, string> { ["HOME"] = home, ["Orchestration__Credential"] = "" });
            Assert.True(rerun.Code == 0, rerun.Error + rerun.Out);
            Assert.Contains("walkthrough: decision: ", rerun.Out, StringComparison.Ordinal);
        }

        // The console the silo announces opens on the walkthrough's studio, its local operator signed in.
        Assert.Contains($"Serving the console at {silo.Http.ToString().TrimEnd('/')}/", silo.Output, StringComparison.Ordinal);
        using var browser = new HttpClient { BaseAddress = silo.Http };
        var console = await browser.GetStringAsync("/");
        Assert.Contains("<h1>Studio <span class=\"muted\">default</span></h1>", console, StringComparison.Ordinal);
        Assert.Contains("tracker-1", console, StringComparison.Ordinal);
        Assert.Contains("local operator", console, StringComparison.Ordinal);
        Assert.Contains("DecisionRecorded", await browser.GetStringAsync("/studios/default"), StringComparison.Ordinal);

        // The dev silo also serves the Orleans dashboard; its endpoints are not the studio's API.
        var served = System.Text.Json.Nodes.JsonNode.Parse(await browser.GetStringAsync("/openapi/v1.json"));
        var committed = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Repository.File("docs", "openapi.json")));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(served, committed), "the dev silo's OpenAPI document is not docs/openapi.json");

        // A process with no credential (another user's HOME, nothing configured) connects and is refused at its first call, told why.
        var stranger = new Dictionary<string, string> { ["HOME"] = Directory.CreateTempSubdirectory("stranger-home-").FullName, ["Orchestration__Credential"] = "" };
        var refused = await CliProcess.RunProgramAsync("dotnet", AppContext.BaseDirectory,
            [Repository.Output("Client/Orchestration.Cli", "orchestration.dll"), "status", "--studio", "default", "--gateway", silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(90), stranger);
        Assert.True(refused.Code != 0, refused.Out);
        Assert.Contains("a call needs a studio credential", refused.Error, StringComparison.Ordinal);
    }
}
