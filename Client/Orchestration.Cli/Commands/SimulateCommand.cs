using System.CommandLine;
using System.Diagnostics;
using Orchestration.Simulation.Running;
using Orchestration.Simulation.Scenarios;

namespace Orchestration.Cli.Commands;

/// <summary>`simulate FILE`: plays a scenario in an in-process cluster on a virtual clock; exits 1 when an expectation fails.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Scenario file (see docs/SCENARIOS.md)" };
        var format = new Option<string>("--format") { Description = "markdown or json", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of the console" };
        var command = new Command("simulate", "Play a scenario through the real grains on virtual time and report its timeline") { file, format, output };
        command.SetAction(async (parse, ct) =>
        {
            Scenario scenario;
            try
            {
                scenario = ScenarioParser.Load(parse.GetValue(file)!.FullName);
            }
            catch (Exception e) when (e is ScenarioException or IOException)
            {
                await Console.Error.WriteLineAsync($"invalid scenario: {e.Message}");
                return 2;
            }

            var wall = Stopwatch.StartNew();
            var progress = new Progress<SimulationProgress>(p =>
            {
                if (!Console.IsErrorRedirected)
                    Console.Error.Write($"\r{scenario.Name}: day {(int)p.Simulated.TotalDays}/{(int)p.Total.TotalDays}, {p.Events} events   ");
            });
            var result = await ScenarioRunner.RunAsync(scenario, progress, ct);
            await Console.Error.WriteLineAsync($"\r{scenario.Name}: {(int)scenario.Duration.TotalDays} simulated days in {wall.Elapsed.TotalSeconds:0.0} s, {result.Timeline.Count} timeline entries, {(result.Passed ? "passed" : "FAILED")}");

            var report = parse.GetValue(format) == "json" ? SimulationReport.ToJson(result) : SimulationReport.ToMarkdown(result);
            if (parse.GetValue(output) is { } path) await File.WriteAllTextAsync(path.FullName, report, ct);
            else Console.WriteLine(report);
            return result.Passed ? 0 : 1;
        });
        return command;
    }
}
