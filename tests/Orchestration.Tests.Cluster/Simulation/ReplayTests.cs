using Orchestration.Client.Journal;
using Orchestration.Simulation.Library;
using Orchestration.Simulation.Replay;
using Orchestration.Simulation.Scenarios;
using Xunit.Abstractions;

namespace Orchestration.Tests.Cluster.Simulation;

/// <summary>What-if on recorded history: a run's journal replays to the same decisions, and a changed strategy
/// changes the ones it should, with their knock-on effects.</summary>
public class ReplayTests(ITestOutputHelper output)
{
    /// <summary>Plays a shipped scenario and writes the journal it produced, as <c>journal export</c> would.</summary>
    private static async Task<string> RecordAsync(string scenario)
    {
        var run = await ScenarioTesting.RunAsync($"scenarios/{scenario}.yaml");
        var path = Path.Combine(Path.GetTempPath(), $"{scenario}-{Guid.NewGuid():N}.jsonl");
        await using var file = new StreamWriter(path);
        await JournalFile.WriteAsync(file, run.Events![0].StudioId, run.Events!, run.End);
        return path;
    }

    [Theory]
    [InlineData("cross-agent-conflict")]
    [InlineData("strategy-change-mid-conflict")]
    [InlineData("cascade")]
    [InlineData("quarterly-planning")]
    [InlineData("strategic-initiative")]
    [InlineData("project-health-intervention")]
    [InlineData("sla-breaches-under-load")]
    [InlineData("slip-taken-back")]
    [InlineData("handoff-rerouted")]
    public async Task A_recorded_run_replays_unchanged_to_the_same_decisions(string scenario)
    {
        var journal = await RecordAsync(scenario);
        var replay = await ScenarioTesting.ReplayAsync(journal);
        output.WriteLine(ReplayReport.ToMarkdown(replay));

        Assert.Contains(replay.Facts, f => f.Recorded > 0); // it recorded something countable, and the replay counts it too
        Assert.True(replay.Reproduced, ReplayReport.ToMarkdown(replay));
        Assert.Null(replay.Variant);
        Assert.Empty(replay.Refusals(replay.Baseline));
    }

    [Fact]
    public async Task The_CLI_replays_a_journal_with_a_strategy_file_and_refuses_what_it_cannot_read()
    {
        var journal = await RecordAsync("cross-agent-conflict");
        var strategy = Path.Combine(Path.GetTempPath(), $"strategy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(strategy, "priorities: [learning, customer-commitments]\nrationale: What if learning came first?\n");
        var report = Path.Combine(Path.GetTempPath(), $"what-if-{Guid.NewGuid():N}.json");

        var (code, _, error) = await Infrastructure.CliProcess.RunAsync("simulate", "replay", journal, "--strategy", strategy, "--sla", "StrategicConflict=12h", "--json", "--out", report);
        Assert.True(code == 0, error);
        Assert.Contains("the record reproduced", error, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.True(json.RootElement.GetProperty("reproduced").GetBoolean());
        Assert.Contains("SLA StrategicConflict: 12:00:00", json.RootElement.GetProperty("changed").GetString(), StringComparison.Ordinal);
        Assert.Equal("exp-cta → checkout-v2", Assert.Single(json.RootElement.GetProperty("decisions").EnumerateArray()).GetProperty("key").GetString());

        await File.WriteAllTextAsync(strategy, "priority: learning\n");
        var (badStrategy, _, why) = await Infrastructure.CliProcess.RunAsync("simulate", "replay", journal, "--strategy", strategy);
        Assert.Equal(2, badStrategy);
        Assert.Contains("'priorities' is required", why, StringComparison.Ordinal);
        var (badSla, _, slaWhy) = await Infrastructure.CliProcess.RunAsync("simulate", "replay", journal, "--sla", "Coffee=2h");
        Assert.Equal(2, badSla);
        Assert.StartsWith("invalid: --sla: 'Coffee=2h' is not Class=duration", slaWhy.Trim(), StringComparison.Ordinal);

        var lines = await File.ReadAllLinesAsync(journal);
        await File.WriteAllLinesAsync(journal, [lines[0].Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal), .. lines[1..]]);
        var (newer, _, newerWhy) = await Infrastructure.CliProcess.RunAsync("simulate", "replay", journal);
        Assert.Equal(2, newer);
        Assert.Contains(":1: schema version 2 is newer than this build reads (1)", newerWhy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Learning_before_customers_decides_the_slip_the_other_way_and_says_what_it_costs()
    {
        var journal = await RecordAsync("cross-agent-conflict");
        var replay = await ScenarioTesting.ReplayAsync(journal, new ReplayChanges(new ScenarioStrategy(["learning", "customer-commitments"], [], "Learning first")));
        var report = ReplayReport.ToMarkdown(replay);
        output.WriteLine(report);

        Assert.True(replay.Reproduced);
        var changed = Assert.Single(replay.Decisions, d => d.Differs);
        Assert.Equal("exp-cta → checkout-v2", changed.Key);
        Assert.Equal(("shorten-prerequisite", "policy", 0), (changed.Before!.ChosenOptionId, changed.Before.DecidedBy, changed.Before.CommitmentsBroken));
        Assert.True(changed.Before.Cost > 0);
        Assert.Null(changed.After!.ChosenOptionId);
        Assert.StartsWith("held for a human", changed.After.Status, StringComparison.Ordinal);

        // The knock-on effects: the experiment keeps its three extra weeks, and the undecided conflict breaches its SLA.
        var experiment = Assert.Single(replay.WorkItems, w => w.ItemId == "exp-cta");
        Assert.Equal(("2026-10-05 – 2026-11-02", "2026-10-05 – 2026-11-16"), (experiment.Before, experiment.After));
        Assert.Equal((0, 1), replay.SlaBreaches);
        Assert.Contains("| day 3 09:00 | exp-cta → checkout-v2 | shorten-prerequisite (policy) | held for a human", report, StringComparison.Ordinal);
    }
}
