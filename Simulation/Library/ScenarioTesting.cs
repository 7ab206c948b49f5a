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
    public static Task<SimulationResult> RunAsync(string path, CancellationToken cancellationToken = default)
    {
        var resolved = File.Exists(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        return ScenarioRunner.RunAsync(ScenarioParser.Load(resolved), progress: null, cancellationToken);
    }

    /// <summary>Plays a scenario written inline.</summary>
    public static Task<SimulationResult> RunYamlAsync(string yaml, string name = "inline", CancellationToken cancellationToken = default) =>
        ScenarioRunner.RunAsync(new ScenarioParser(name).Parse(yaml), progress: null, cancellationToken);

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
