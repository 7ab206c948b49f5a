using System.Diagnostics;
using System.Globalization;
using Orchestration.Client.Journal;
using Orchestration.Simulation.Replay;
using Orchestration.Simulation.Running;
using Orchestration.Simulation.Scenarios;

namespace Orchestration.Bench;

/// <summary>
/// Replay speed on real-sized history: a 13-week quarter of 50 projects and 10 agents is played once (the record),
/// its journal written as <c>journal export</c> writes it, then replayed — unchanged, and with another strategy.
/// The baseline is the original run of the same quarter in the same process: a replay is a run plus reading the
/// journal and comparing. Appends a row to bench/RESULTS-replay.md.
/// </summary>
public static class ReplayBench
{
    public static async Task RunAsync(string[] args)
    {
        var projects = BenchSetup.Option(args, "--projects", 50);
        var weeks = BenchSetup.Option(args, "--weeks", 13);
        var label = Environment.GetEnvironmentVariable("BENCH_LABEL") ?? "this commit";
        var scenario = ScenarioGenerator.Quarter(projects, 10, weeks, seed: 1);

        // Warm up (JIT, the first cluster in the process) on a small quarter and its replay, so neither figure carries it.
        var warm = await ScenarioRunner.RunAsync(ScenarioGenerator.Quarter(5, 3, 2, seed: 2));
        var warmJournal = Path.Combine(Path.GetTempPath(), $"bench-replay-warm-{Guid.NewGuid():N}.jsonl");
        await using (var file = new StreamWriter(warmJournal))
            await JournalFile.WriteAsync(file, warm.Events![0].StudioId, warm.Events!, warm.End);
        await JournalReplay.RunAsync(warmJournal, new ReplayChanges());
        File.Delete(warmJournal);

        var wall = Stopwatch.StartNew();
        var recorded = await ScenarioRunner.RunAsync(scenario);
        var recordSeconds = wall.Elapsed.TotalSeconds;
        var journal = Path.Combine(Path.GetTempPath(), $"bench-replay-{Guid.NewGuid():N}.jsonl");
        await using (var file = new StreamWriter(journal))
            await JournalFile.WriteAsync(file, recorded.Events![0].StudioId, recorded.Events!, recorded.End);
        var bytes = new FileInfo(journal).Length;
        Console.Error.WriteLine($"recorded: {recorded.Events!.Count:N0} events, {bytes / 1024.0:N0} KB, {scenario.Duration.TotalDays:0} days in {recordSeconds:0.0} s");

        wall.Restart();
        var unchanged = await JournalReplay.RunAsync(journal, new ReplayChanges());
        var replaySeconds = wall.Elapsed.TotalSeconds;
        var days = (unchanged.Baseline.End - unchanged.Baseline.Start).TotalDays;
        var reproduced = unchanged.Fidelity.Count(d => !d.Differs);
        Console.Error.WriteLine($"replayed unchanged: {days:0} days in {replaySeconds:0.0} s; {reproduced} of {unchanged.Fidelity.Count} conflicts as recorded");

        wall.Restart();
        var whatIf = await JournalReplay.RunAsync(journal, new ReplayChanges(new ScenarioStrategy(["learning", "revenue", "customer-commitments"], [], "learning first")));
        var whatIfSeconds = wall.Elapsed.TotalSeconds;
        var changed = whatIf.Decisions.Count(d => d.Differs);
        Console.Error.WriteLine($"what-if (two runs): {whatIfSeconds:0.0} s; {changed} decisions changed");
        File.Delete(journal);

        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {DateTime.UtcNow:yyyy-MM-dd} | {weeks} weeks, {projects} projects | {recorded.Events.Count:N0} | {days / recordSeconds:0.0} | {days / replaySeconds:0.0} ({recordSeconds / replaySeconds:P0}) | " +
            $"{reproduced} of {unchanged.Fidelity.Count}{(unchanged.Reproduced ? ", counts equal" : $", counts differ: {string.Join("; ", unchanged.Facts.Where(f => f.Differs).Select(f => $"{f.What} {f.Recorded} → {f.Replayed}"))}")} | {2 * days / whatIfSeconds:0.0} | {changed} |");
        var path = Path.Combine(BenchSetup.Root(), "bench", "RESULTS-replay.md");
        if (!File.Exists(path))
            await File.WriteAllTextAsync(path,
                "# Replaying a recorded quarter\n\n" +
                "`dotnet run -c Release --project bench/Orchestration.Bench -- --replay` (`--projects N`, `--weeks N`; `BENCH_LABEL` names the row). Simulated days per\n" +
                "wall-clock second; in brackets, the replay's speed as a share of the original run's in the same process. The what-if runs the\n" +
                "baseline and the changed strategy (learning > revenue > customer-commitments): twice the days.\n\n" +
                "| run | date | history | recorded events | original run days/s | unchanged replay days/s | conflicts reproduced | what-if days/s | decisions changed |\n" +
                "|---|---|---|---|---|---|---|---|---|\n");
        await File.AppendAllTextAsync(path, row + "\n");
        Console.WriteLine(row);
    }
}
