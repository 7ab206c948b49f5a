using System.Diagnostics;
using System.Globalization;
using Orchestration.Simulation.Running;
using Orchestration.Simulation.Scenarios;

// Simulation speed: a 13-week quarter of 50 projects and 10 agents, played through the real grains on virtual time.
// Reported as simulated days per wall second; the figure depends on the machine, so compare runs on the same one.
var projects = Arg("--projects", 50);
var agents = Arg("--agents", 10);
var weeks = Arg("--weeks", 13);
var runs = Arg("--runs", 1);

for (var run = 1; run <= runs; run++)
{
    var scenario = ScenarioGenerator.Quarter(projects, agents, weeks, seed: run);
    var wall = Stopwatch.StartNew();
    var result = await ScenarioRunner.RunAsync(scenario);
    wall.Stop();
    var days = scenario.Duration.TotalDays;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"simulation {projects} projects, {agents} agents, {weeks} weeks (seed {run}): {wall.Elapsed.TotalSeconds:0.0} s wall, {days / wall.Elapsed.TotalSeconds:0.0} simulated days/s, {result.Timeline.Count} timeline entries, {result.Timeline.Count(t => t.Type == "ConflictRaised")} conflicts"));
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
