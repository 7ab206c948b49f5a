using Microsoft.Extensions.DependencyInjection;
using Orchestration.Simulation.Running;
using Orchestration.Simulation.Scenarios;

namespace Orchestration.Simulation.Library;

/// <summary>
/// Scenarios from a developer's own tests, in a few lines, with any test framework:
/// <code>
/// var result = await ScenarioTesting.RunAsync("scenarios/my-conflict.yaml");
/// result.ShouldPass();
/// </code>
/// </summary>
public static class ScenarioTesting
{
    /// <summary>Loads and plays a scenario file (relative paths also resolve beside the test assembly).</summary>
    /// <param name="agentKinds">Your own agent kinds, registered as in your silo — <c>s => s.AddAgentKind&lt;QaReviewerGrain&gt;()</c>
    /// — so a scenario's agents may be of those kinds.</param>
    public static Task<SimulationResult> RunAsync(string path, Action<IServiceCollection>? agentKinds = null, CancellationToken cancellationToken = default)
    {
        var resolved = File.Exists(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        return ScenarioRunner.RunAsync(ScenarioParser.Load(resolved, KindsOf(agentKinds)), progress: null, cancellationToken, agentKinds);
    }

    /// <summary>Plays a scenario written inline (<paramref name="agentKinds"/> as for <see cref="RunAsync(string, Action{IServiceCollection}?, CancellationToken)"/>).</summary>
    public static Task<SimulationResult> RunYamlAsync(string yaml, string name = "inline", Action<IServiceCollection>? agentKinds = null, CancellationToken cancellationToken = default) =>
        ScenarioRunner.RunAsync(new ScenarioParser(name, KindsOf(agentKinds)).Parse(yaml), progress: null, cancellationToken, agentKinds);

    public static Task<SimulationResult> RunAsync(string path, CancellationToken cancellationToken) => RunAsync(path, null, cancellationToken);

    /// <summary>Plays a scenario built in code (<see cref="ScenarioGenerator.Quarter"/>, say).</summary>
    public static Task<SimulationResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default) =>
        ScenarioRunner.RunAsync(scenario, progress: null, cancellationToken);

    public static Task<SimulationResult> RunYamlAsync(string yaml, string name, CancellationToken cancellationToken) => RunYamlAsync(yaml, name, null, cancellationToken);

    /// <summary>The kind names a registration adds, so the scenario is checked against them before the cluster starts.</summary>
    private static IEnumerable<string> KindsOf(Action<IServiceCollection>? agentKinds)
    {
        if (agentKinds is null) return [];
        var services = new ServiceCollection();
        agentKinds(services);
        return services.Where(d => d.ServiceType == typeof(Grains.Agents.AgentKindInfo)).Select(d => ((Grains.Agents.AgentKindInfo)d.ImplementationInstance!).Kind);
    }

    /// <summary>Replays a studio's recorded journal (a file from <c>journal export</c>) on virtual time, unchanged or
    /// with <paramref name="changes"/>: see <see cref="Replay.ReplayResult"/> and docs/SCENARIOS.md.</summary>
    public static Task<Replay.ReplayResult> ReplayAsync(string journalPath, Replay.ReplayChanges? changes = null, CancellationToken cancellationToken = default)
    {
        var resolved = File.Exists(journalPath) ? journalPath : Path.Combine(AppContext.BaseDirectory, journalPath);
        return Replay.JournalReplay.RunAsync(resolved, changes ?? new Replay.ReplayChanges(), cancellationToken);
    }

    /// <summary>Throws with every failed expectation and the timeline when the run did not pass.</summary>
    public static SimulationResult ShouldPass(this SimulationResult result) =>
        result.Passed ? result : throw new ScenarioFailedException(result);
}

public sealed class ScenarioFailedException(SimulationResult result) : Exception(
    $"Scenario '{result.Scenario}' failed:{Environment.NewLine}"
    + string.Join(Environment.NewLine, result.Expectations.Where(e => !e.Passed).Select(e => $"  line {e.Line}: {e.Expectation} — actual: {e.Actual}"))
    + $"{Environment.NewLine}{Environment.NewLine}{SimulationReport.ToMarkdown(result)}")
{
    public SimulationResult Result { get; } = result;
}
