using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestration.Client.Journal;
using Orchestration.Simulation.Library;
using Orchestration.Simulation.Replay;
using Orchestration.Simulation.Scenarios;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>
/// Input that once crashed or hung the simulator, each refused with the file, the line and the reason (the CLI's exit
/// code 2), in bounded time: values the studio would refuse, a file that is a folder, YAML nested 60,000 levels deep
/// or an alias bomb, journal lines of the wrong shape or another studio, a replay window before the journal begins.
/// And a simulation or a replay stops within a second on SIGINT or SIGTERM, with exit code 130.
/// </summary>
public class InputLimitsTests
{
    private const string Scenario = """
        name: limits
        start: 2026-10-05
        agents:
          - { id: tracker, kind: experiment-tracker, capacity: 2 }
          - { id: shipper, kind: project-shipper, capacity: 2 }
        work:
          - { id: exp, kind: experiment, owner: tracker, project: p, start: day 0, end: day 21 }
          - { id: rel, kind: release, owner: shipper, project: p, start: day 0, end: day 30, needs: [{ item: exp, lead: 2 }] }
        timeline:
          - { at: day 1, extend: { item: exp, days: 3 } }
        """;

    private static ScenarioException Refused(string yaml)
    {
        var watch = Stopwatch.StartNew();
        var refused = Assert.Throws<ScenarioException>(() => new ScenarioParser("bad.yaml").Parse(yaml));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}"); // a bound on a hang, not a performance figure
        return refused;
    }

    [Theory]
    [InlineData("lead: 2", "lead: -2", 8, "-2 is out of range: it is 0 to 365")]
    [InlineData("capacity: 2 }\n  - { id: shipper", "capacity: 0 }\n  - { id: shipper", 4, "0 is out of range: it is 1 to 1000")]
    [InlineData("id: exp,", "id: \"exp\u202Ex\",", 7, "'exp\\u202Ex' is not an id")]
    [InlineData("start: 2026-10-05", "start: 2250-01-01", 2, "2250-01-01 is outside the dates the studio takes, 2000-01-01 to 2199-12-31")]
    [InlineData("start: 2026-10-05", "start: 2199-12-20", 7, "'day 21' is 2200-01-10; dates run to 2199-12-31")]
    [InlineData("name: limits", "name: limits\n? [a, b]\n: c", 2, "a mapping key must be a plain value")]
    public void A_value_the_studio_would_refuse_is_refused_on_its_line(string from, string to, int line, string problem)
    {
        var refused = Refused(Scenario.Replace(from, to, StringComparison.Ordinal));
        Assert.Equal(line, refused.Line);
        Assert.Contains(problem, refused.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_nested_sixty_thousand_levels_deep_is_refused_not_a_stack_overflow()
    {
        var refused = Refused("name: deep\nstart: 2026-10-05\nagents: " + new string('[', 60_000) + new string(']', 60_000));
        Assert.Equal((3, "is nested more than 64 levels deep"), (refused.Line, refused.Problem));
    }

    [Fact]
    public void An_alias_bomb_is_refused_in_bounded_time_as_a_value_and_as_a_key()
    {
        var bomb = string.Join('\n', Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]")
            .Prepend("a0: &a0 [x, x, x, x, x, x, x, x, x, x]"));
        Assert.Contains("expands to more than 100,000 values", Refused($"{bomb}\nname: bomb\nstart: 2026-10-05\nagents: *a9").Problem, StringComparison.Ordinal);
        Assert.Contains("expands to more than 100,000 values", Refused($"{bomb}\nname: bomb\nstart: 2026-10-05\n? *a9\n: boom").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declaration_the_studio_refuses_at_the_start_is_named_by_its_line()
    {
        // The parser leaves some rules to the studio (what a quarter looks like): the refusal still names its line.
        var yaml = Scenario + "\nobjectives:\n  - { id: okr-1, quarter: autumn, title: Grow, key-results: [{ id: kr, description: Conversion, baseline: 2, target: 3 }] }\n";
        var refused = await Assert.ThrowsAsync<ScenarioException>(() => ScenarioTesting.RunYamlAsync(yaml, "setup.yaml"));
        Assert.Equal(("setup.yaml", 12), (refused.File, refused.Line));
        Assert.Equal("refused by the studio: objective.quarter: 'autumn' is not a quarter like 2026-Q4", refused.Problem);
    }

    [Fact]
    public async Task The_CLI_refuses_a_folder_deep_yaml_and_a_bad_journal_with_exit_2_and_the_line()
    {
        var folder = Directory.CreateTempSubdirectory("scenario-").FullName;
        try
        {
            var deep = Path.Combine(folder, "deep.yaml");
            await File.WriteAllTextAsync(deep, "name: deep\nstart: 2026-10-05\nagents: " + new string('[', 60_000) + new string(']', 60_000));
            var journal = Path.Combine(folder, "bad.jsonl");
            await File.WriteAllTextAsync(journal, """
                {"format":"orchestration-journal","version":1,"studioId":"s1","exportedAt":"2026-11-16T09:00:00+00:00"}
                {"type":5,"studioId":"s1","sequence":1,"at":"2026-11-16T09:00:00+00:00","summary":"x"}
                """);

            foreach (var (args, expected) in new (string[], string)[]
                     {
                         (["simulate", folder], "invalid scenario: "),
                         (["simulate", deep], "invalid scenario: deep.yaml:3: is nested more than 64 levels deep"),
                         (["simulate", "replay", folder], "is a folder, not a journal file"),
                         (["simulate", "replay", journal], ":2: \"type\" must be the event's name, a string"),
                     })
            {
                var (code, _, error) = await CliProcess.RunAsync(args);
                Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}\n{error}");
                Assert.Contains(expected, error, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_journal_line_of_the_wrong_shape_or_of_another_studio_is_refused_on_its_line()
    {
        var recorded = await ScenarioTesting.RunAsync("scenarios/slip-taken-back.yaml");
        var text = new StringWriter();
        await JournalFile.WriteAsync(text, recorded.Events![0].StudioId, recorded.Events!, recorded.End);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        string With(Action<JsonObject> change)
        {
            var first = JsonNode.Parse(lines[1])!.AsObject();
            change(first);
            return string.Join('\n', [lines[0], first.ToJsonString(), .. lines[2..]]);
        }

        async Task<JournalFileException> Refused(string journal) =>
            await Assert.ThrowsAsync<JournalFileException>(() => JournalFile.ReadAsync(new StringReader(journal), "bad.jsonl"));

        Assert.Equal((2, "\"type\" must be the event's name, a string"), Describe(await Refused(With(o => o["type"] = 5))));
        Assert.Equal((2, "an AgentJoined needs \"at\" (when it happened)"), Describe(await Refused(With(o => o.Remove("at")))));
        Assert.Equal((2, $"an event of studio 'someone-else' in the journal of studio '{recorded.Events![0].StudioId}'"),
            Describe(await Refused(With(o => o["studioId"] = "someone-else"))));
        Assert.StartsWith("an AgentJoined that cannot be read", (await Refused(With(o => o["at"] = "yesterday"))).Problem, StringComparison.Ordinal);

        var (header, events) = await JournalFile.ReadAsync(new StringReader(text.ToString()), "good.jsonl");
        var early = Assert.Throws<ScenarioException>(() => JournalScenario.From(header, events, new ReplayChanges(Until: new DateOnly(2020, 1, 1))));
        Assert.Equal(("--until", 0), (early.File, early.Line));
        Assert.StartsWith("2020-01-01 is before the journal's first event", early.Problem, StringComparison.Ordinal);
    }

    private static (int, string) Describe(JournalFileException e) => (e.Line, e.Problem);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_simulation_stops_within_a_second_on_a_signal_with_exit_130(string signal)
    {
        var file = Path.Combine(Path.GetTempPath(), $"long-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "name: long\nstart: 2026-10-05\nduration: week 3000\nagents:\n  - { id: shipper, kind: project-shipper }\n");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { Repository.Output("Client/Orchestration.Cli", "orchestration.dll"), "simulate", file }) start.ArgumentList.Add(arg);
            using var cli = Process.Start(start)!;
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cli.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lines.Enqueue(e.Data);
                if (e.Data.StartsWith("long: under way", StringComparison.Ordinal)) underWay.TrySetResult();
            };
            cli.BeginErrorReadLine();
            _ = cli.StandardOutput.ReadToEndAsync();
            await underWay.Task.WaitAsync(TimeSpan.FromSeconds(60)); // well into its run: the cluster is up and time is moving
            Assert.False(cli.HasExited, "the run ended before it could be stopped");

            var stopping = Stopwatch.StartNew();
            using var kill = Process.Start("kill", [$"-{signal}", cli.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await cli.WaitForExitAsync(bound.Token);

            var stopped = stopping.Elapsed;
            cli.WaitForExit(); // the last lines of stderr are read
            var error = string.Join("\n", lines);
            Assert.True(cli.ExitCode == 130, $"exit {cli.ExitCode}: {error}");
            Assert.True(stopped < TimeSpan.FromSeconds(1.5), $"took {stopped} to stop"); // a second, and some slack for a loaded machine
            Assert.Contains("long: stopped after", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
