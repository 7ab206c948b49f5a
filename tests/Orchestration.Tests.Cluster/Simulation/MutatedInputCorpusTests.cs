using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestration.Client.Journal;
using Orchestration.Simulation.Library;
using Orchestration.Simulation.Replay;
using Orchestration.Simulation.Scenarios;
using Xunit.Abstractions;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>
/// The contract corpus's idea, for the simulator's two readers: over a thousand files each, made by mutating the shipped
/// scenarios and a recorded journal — lines deleted, repeated, swapped, cut short, re-indented, values swapped for hostile
/// ones (negative, huge, far dates, brackets, anchors and aliases, control and direction characters, the wrong JSON
/// types), fields dropped — and each is either refused with its file and line or read, in bounded time, never with any
/// other exception. A sample of the files that read is then run or replayed on a cluster: each ends (passing or not) or
/// is refused by line, never with a trace.
/// </summary>
public class MutatedInputCorpusTests(ITestOutputHelper output)
{
    private const int Files = 1_100;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5); // a bound on a hang, not a performance figure

    private static readonly string[] Hostile =
    [
        "-1", "0", "99999999999", "day 99999", "week -1", "day 3 25:00", "2199-12-31", "2250-01-01", "[", "{", "]", "[[[[[[", "*nowhere", "&a x",
        "'", "\"", "exp\u202Ex", "a\u0000b", "null", "~", "1e309", "NaN", new string('x', 300), "", "? x", "- -", "!!binary AAAA", "{a: [1, {b: c}]}",
    ];

    private static readonly string[] HostileJson = ["5", "-1", "0", "\"x\"", "null", "[]", "{}", "true", "1e309", "\"9999-12-31T00:00:00+00:00\"", "\"\u202E\""];

    [Fact]
    public async Task Mutated_scenario_files_are_refused_on_a_line_or_run_never_a_trace_never_a_hang()
    {
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var (refused, read, failures) = (0, new List<Scenario>(), new List<string>());
        foreach (var (seed, mutations) in Corpus(20261203, seeds.Length))
        {
            var text = mutations.Aggregate(seeds[seed], (t, m) => MutateYaml(t, m.Kind, m.A, m.B, seeds));
            var watch = Stopwatch.StartNew();
            try
            {
                read.Add(new ScenarioParser("mutated.yaml").Parse(text));
            }
            catch (ScenarioException e) when (e.File == "mutated.yaml" && e.Line >= 1)
            {
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"{e.GetType().Name}: {e.Message.Split('\n')[0]}\n--- file ---\n{text}");
            }

            if (watch.Elapsed > Bound) failures.Add($"read in {watch.Elapsed}:\n{text}");
        }

        // A sample of the files that read, played through the studio: each ends, or is refused on its line.
        var (ran, refusedByStudio) = (0, 0);
        foreach (var scenario in read.Where(s => s.Duration <= TimeSpan.FromDays(400)).Where((_, i) => i % 13 == 0).Take(12))
        {
            try
            {
                await ScenarioTesting.RunAsync(scenario).WaitAsync(TimeSpan.FromSeconds(120));
                ran++;
            }
            catch (ScenarioException e) when (e.Line >= 1)
            {
                refusedByStudio++;
            }
            catch (Exception e)
            {
                failures.Add($"running {scenario.Name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        var summary = $"scenario corpus: {Files:N0} mutated files: {refused:N0} refused on a line, {read.Count:N0} read; of those, {ran} run and {refusedByStudio} refused on a line by the studio; {failures.Count} failed";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
        Assert.Equal(Files, refused + read.Count);
        Assert.True(refused > 100 && read.Count > 100, summary); // the corpus exercises both ways out
        Assert.True(ran > 0, summary);
    }

    [Fact]
    public async Task Mutated_journals_are_refused_on_a_line_or_replayed_never_a_trace_never_a_hang()
    {
        var recorded = await ScenarioTesting.RunAsync("scenarios/slip-taken-back.yaml");
        var writer = new StringWriter();
        await JournalFile.WriteAsync(writer, recorded.Events![0].StudioId, recorded.Events!, recorded.End);
        var original = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var (refused, read, failures) = (0, new List<(JournalFileHeader Header, IReadOnlyList<Orchestration.Grains.Interfaces.Messages.StudioEvent> Events)>(), new List<string>());
        foreach (var (_, mutations) in Corpus(20261204, 1))
        {
            var lines = mutations.Aggregate(original, (l, m) => MutateJournal(l, m.Kind, m.A, m.B));
            var watch = Stopwatch.StartNew();
            try
            {
                var journal = await JournalFile.ReadAsync(new StringReader(string.Join('\n', lines)), "mutated.jsonl");
                JournalScenario.From(journal.Header, journal.Events, new ReplayChanges());
                read.Add(journal);
            }
            catch (JournalFileException e) when (e.Line >= 1)
            {
                refused++;
            }
            catch (ScenarioException e) when (e.Line >= 0)
            {
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"{e.GetType().Name}: {e.Message.Split('\n')[0]}\n--- journal ---\n{string.Join('\n', lines)}");
            }

            if (watch.Elapsed > Bound) failures.Add($"read in {watch.Elapsed}");
        }

        var replayed = 0;
        foreach (var (header, events) in read.Where(j => j.Events.Count > 0 && j.Events[^1].At - j.Events[0].At <= TimeSpan.FromDays(120)).Where((_, i) => i % 11 == 0).Take(8))
        {
            try
            {
                await JournalReplay.RunAsync(header, events, new ReplayChanges()).WaitAsync(TimeSpan.FromSeconds(120));
                replayed++;
            }
            catch (Exception e) when (e is not ScenarioException)
            {
                failures.Add($"replaying: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        var summary = $"journal corpus: {Files:N0} mutated journals: {refused:N0} refused on a line, {read.Count:N0} read; {replayed} of those replayed; {failures.Count} failed";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
        Assert.Equal(Files, refused + read.Count);
        Assert.True(refused > 100 && read.Count > 100, summary);
        Assert.True(replayed > 0, summary);
    }

    /// <summary>The corpus: <see cref="Files"/> cases, each a seed file and one to three mutations, generated from a fixed
    /// seed so every run checks the same files (a failure names one that can be made again).</summary>
    private static IEnumerable<(int Seed, (int Kind, int A, int B)[] Mutations)> Corpus(int seed, int seeds)
    {
        var random = new Random(seed);
        for (var i = 0; i < Files; i++)
            yield return (random.Next(seeds), [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (random.Next(8), random.Next(10_001), random.Next(10_001)))]);
    }

    /// <summary>One mutation of a YAML text: <paramref name="kind"/> says which, <paramref name="a"/> and <paramref name="b"/> where and what.</summary>
    private static string MutateYaml(string text, int kind, int a, int b, string[] others)
    {
        var lines = text.Split('\n').ToList();
        var i = a % lines.Count;
        switch (kind)
        {
            case 0: lines.RemoveAt(i); break;
            case 1: lines.Insert(i, lines[i]); break;
            case 2: (lines[i], lines[b % lines.Count]) = (lines[b % lines.Count], lines[i]); break;
            case 3: return text[..(a % Math.Max(1, text.Length))];
            case 4:
                var other = others[b % others.Length].Split('\n');
                lines.Insert(i, other[a % other.Length]);
                break;
            case 5: lines[i] = b % 2 == 0 ? "  " + lines[i] : lines[i].TrimStart(); break;
            default:
                // A value after a key swapped for a hostile one.
                var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0) break;
                var end = lines[i].IndexOfAny([',', '}', ']'], colon + 2);
                var hostile = Hostile[b % Hostile.Length];
                lines[i] = end < 0 ? lines[i][..(colon + 2)] + hostile : lines[i][..(colon + 2)] + hostile + lines[i][end..];
                break;
        }

        return string.Join('\n', lines);
    }

    /// <summary>One mutation of a journal's lines: a line dropped, repeated or swapped, cut short, or a field of an event
    /// dropped or given a hostile value.</summary>
    private static string[] MutateJournal(string[] lines, int kind, int a, int b)
    {
        var list = lines.ToList();
        var i = a % list.Count;
        switch (kind)
        {
            case 0: list.RemoveAt(i); break;
            case 1: list.Insert(i, list[i]); break;
            case 2: (list[i], list[b % list.Count]) = (list[b % list.Count], list[i]); break;
            case 3: list[i] = list[i][..(b % Math.Max(1, list[i].Length))]; break;
            default:
                if (!list[i].EndsWith('}') || JsonNode.Parse(list[i]) is not JsonObject line) break; // a line already cut short stays so
                var fields = line.Select(f => f.Key).ToList();
                var field = fields[b % fields.Count];
                if (kind == 4) line.Remove(field);
                else line[field] = JsonNode.Parse(HostileJson[(a + b) % HostileJson.Length]);
                list[i] = line.ToJsonString();
                break;
        }

        return [.. list];
    }
}
