using System.CommandLine;
using System.Diagnostics;
using Orchestration.Client.Journal;
using Orchestration.Simulation.Replay;
using Orchestration.Simulation.Running;
using Orchestration.Simulation.Scenarios;

namespace Orchestration.Cli.Commands;

/// <summary>`simulate FILE`: plays a scenario in an in-process cluster on a virtual clock; exits 1 when an expectation fails.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Scenario file (see docs/SCENARIOS.md)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of the console" };
        var command = new Command("simulate", "Play a scenario through the real grains on virtual time and report its timeline") { file, output };
        command.SetAction(async (parse, ct) =>
        {
            Scenario scenario;
            try
            {
                scenario = ScenarioParser.Load(parse.GetValue(file)!.FullName);
            }
            catch (Exception e) when (e is ScenarioException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"invalid scenario: {e.Message}");
                return 2;
            }

            var wall = Stopwatch.StartNew();
            SimulationResult result;
            try
            {
                result = await CliOutput.WithProgress(scenario.Name, scenario.Duration.TotalDays,
                    progress => ScenarioRunner.RunAsync(scenario, new Progress<SimulationProgress>(p => progress(p.Simulated.TotalDays, $"{p.Events} events")), ct))
                    .WaitAsync(ct); // stopped even while the simulated cluster is still starting (that takes no token)
            }
            catch (ScenarioException refused)
            {
                await Console.Error.WriteLineAsync($"invalid scenario: {refused.Message}");
                return 2;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"{scenario.Name}: stopped after {wall.Elapsed.TotalSeconds:0.0} s");
                return CliTermination.ExitCode;
            }

            await Console.Error.WriteLineAsync($"{scenario.Name}: {(int)scenario.Duration.TotalDays} simulated days in {wall.Elapsed.TotalSeconds:0.0} s, {result.Timeline.Count} timeline entries, {(result.Passed ? "passed" : "FAILED")}");

            var report = parse.GetValue(CliContext.Json) ? SimulationReport.ToJson(result) : SimulationReport.ToMarkdown(result);
            if (parse.GetValue(output) is { } path) await File.WriteAllTextAsync(path.FullName, report, ct);
            else Console.WriteLine(report);
            return result.Passed ? 0 : 1;
        });
        command.Subcommands.Add(Replay());
        return command;
    }

    /// <summary>`simulate replay JOURNAL`: what-if on recorded history (docs/SCENARIOS.md, "Replaying a journal").</summary>
    private static Command Replay()
    {
        var journal = new Argument<FileInfo>("journal") { Description = "A journal file (orchestration journal export)" };
        var strategy = new Option<FileInfo?>("--strategy") { Description = "A strategy to replay with instead of the recorded ones (YAML: priorities, constraints, rationale)" };
        var sla = new Option<string[]>("--sla") { Description = "An SLA to replay with: Class=duration, e.g. AgentBlocker=02:00:00 (repeat)", AllowMultipleArgumentsPerToken = true };
        var until = new Option<string?>("--until") { Description = "Replay the record up to this day (2026-12-31)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of the console" };
        var command = new Command("replay", "Replay a studio's recorded journal on virtual time, unchanged or with another strategy or SLAs, and report what would have been decided")
            { journal, strategy, sla, until, output };
        command.SetAction(async (parse, ct) =>
        {
            ReplayChanges changes;
            try
            {
                changes = new ReplayChanges(
                    parse.GetValue(strategy) is { } file ? ReplayFiles.Strategy(file.FullName) : null,
                    parse.GetValue(until) is { } day ? ReplayFiles.Day(day, "--until") : null,
                    ReplayFiles.Slas(parse.GetValue(sla) ?? []));
            }
            catch (Exception e) when (e is ScenarioException or IOException)
            {
                await Console.Error.WriteLineAsync($"invalid: {(e is ScenarioException { Line: 0 } option ? $"{option.File}: {option.Problem}" : e.Message)}");
                return 2;
            }

            ReplayResult result;
            var wall = Stopwatch.StartNew();
            try
            {
                result = await CliOutput.WithProgress("replay", 100, progress => JournalReplay.RunAsync(parse.GetValue(journal)!.FullName, changes, ct,
                    new Progress<ReplayProgress>(p => progress(p.Total > 0 ? 100 * p.Done / p.Total : 0, $"{p.Stage}, {p.Done:N0} of {p.Total:N0} {p.Unit}")))).WaitAsync(ct);
            }
            catch (Exception e) when (e is JournalFileException or IOException or ScenarioException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(e is ScenarioException { Line: 0 } option ? $"invalid: {option.File}: {option.Problem}" : $"invalid journal: {e.Message}");
                return 2;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"replay: stopped after {wall.Elapsed.TotalSeconds:0.0} s");
                return CliTermination.ExitCode;
            }

            var days = (result.Baseline.End - result.Baseline.Start).TotalDays * (result.Variant is null ? 1 : 2);
            await Console.Error.WriteLineAsync($"replayed {result.RecordedEvents} events: {days:0} simulated days in {wall.Elapsed.TotalSeconds:0.0} s; " +
                (result.Reproduced ? "the record reproduced" : "the record NOT fully reproduced (see the report)"));
            var report = parse.GetValue(CliContext.Json) ? ReplayReport.ToJson(result) : ReplayReport.ToMarkdown(result);
            if (parse.GetValue(output) is { } path) await File.WriteAllTextAsync(path.FullName, report, ct);
            else Console.WriteLine(report);
            return 0;
        });
        return command;
    }
}
