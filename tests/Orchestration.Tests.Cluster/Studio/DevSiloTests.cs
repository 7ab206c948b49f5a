using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>The README's first run: a dev silo comes up with its hosted agents at work, and the walkthrough sample,
/// an agent service in its own process, plays the seed's workflows against it.</summary>
public class DevSiloTests
{
    [Fact]
    public async Task A_dev_silo_starts_its_hosted_agents_and_the_walkthrough_sample_plays_against_it()
    {
        await using var silo = await SiloProcess.StartAsync("--Studio:Id=default"); // the test silos start their agents elsewhere
        await Eventually.Until(() => Task.FromResult(silo.Output), output => output.Contains("Hosted agent shipper-1 (project-shipper) works in studio 'default'", StringComparison.Ordinal),
            "the dev silo starts shipper-1");
        Assert.Contains("Hosted agent tracker-1 (experiment-tracker) works in studio 'default' with capacity 4", silo.Output, StringComparison.Ordinal);

        var (code, output, error) = await CliProcess.RunDllAsync(Repository.Output("samples/Walkthrough", "Orchestration.Walkthrough.dll"), "--gateway-port", silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, error + output);
        Assert.Contains("walkthrough: registered: tracker-1: Experiment Tracker (experiment-tracker, Hosted, capacity 4)", output, StringComparison.Ordinal);
        Assert.Contains("walkthrough: decision: ", output, StringComparison.Ordinal);
        Assert.Contains("walkthrough: studio: 2 agents, 0 open blockers, 0 open risks, strategy v1, 0 active conflicts", output, StringComparison.Ordinal);
    }
}
