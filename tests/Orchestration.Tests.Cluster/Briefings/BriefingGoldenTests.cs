using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Simulation.Library;
using Orchestration.Simulation.Running;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Briefings;

/// <summary>
/// Each briefing, as a producer would send it, over a fixed scenario (Simulation/Scenarios/stakeholder-briefings.yaml, nine days):
/// the golden files beside this test were reviewed by reading them, and any change to a briefing shows up here as a
/// diff to review. Set ORCHESTRATION_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then read the diff.
/// </summary>
public sealed class BriefingGoldenTests : IClassFixture<BriefingGoldenTests.Fortnight>
{
    private readonly Fortnight _fortnight;

    public BriefingGoldenTests(Fortnight fortnight) => _fortnight = fortnight;

    public static TheoryData<string> Kinds() => [.. BriefingKind.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_briefing_over_the_fixed_fortnight_matches_its_reviewed_golden_file(string kind)
    {
        var result = await _fortnight.Result;
        var document = result.Briefings![BriefingKind.All.ToList().FindIndex(k => k.Name == kind)];
        var markdown = MarkdownRenderer.Render(document);
        var golden = Repository.File("tests", "Orchestration.Tests.Cluster", "Briefings", "golden", $"{kind}.md");

        if (Environment.GetEnvironmentVariable("ORCHESTRATION_UPDATE_GOLDEN") == "1") await File.WriteAllTextAsync(golden, markdown);
        Assert.Equal(await File.ReadAllTextAsync(golden), markdown);
    }

    [Fact]
    public async Task Every_briefing_says_the_period_s_decision_and_status_change_in_words()
    {
        var result = await _fortnight.Result;
        var sync = MarkdownRenderer.Render(result.Briefings![0]);
        var update = MarkdownRenderer.Render(result.Briefings[1]);

        // The week's decision, with what it costs, in the sync's dependencies review and the update's risks.
        foreach (var text in new[] { sync, update }) Assert.Matches(@"- Decided 2026-10-08 on \S+ \(checkout\) by policy: .+ Impact: [\d,]+ USD revenue at risk", text);
        Assert.Contains("One-page checkout went green → yellow on 2026-10-09 (shipper)", sync);
        Assert.Contains("One-page checkout went green → yellow on 2026-10-09", update);
        Assert.Contains("- SLA missed: agent blocker esc-2 (Needs a device lab (blocks checkout-v2)) was due 2026-10-10 13:00 UTC, raised to level 4", sync);
        // Words, not enum names; no placeholder section.
        foreach (var document in result.Briefings)
        {
            var text = MarkdownRenderer.Render(document);
            Assert.DoesNotMatch(@"\b(OffTarget|OnTarget|NoData|Tracked|AgentBlocker|StakeholderRequest|StrategicConflict|PendingDecision)\b", text);
            Assert.All(document.Sections, s => Assert.True(s.Lines.Count > 0 || s.Table is { Rows.Count: > 0 }, $"{document.Title}: '{s.Heading}' is empty"));
        }

        Assert.DoesNotContain("Questions and feedback from stakeholders.", update);
        Assert.Contains("- ", update.Split("## 5. Q&A and feedback (5 min)")[1]);
    }

    /// <summary>The scenario, played once for the class.</summary>
    public sealed class Fortnight
    {
        public Task<SimulationResult> Result { get; } = Play();

        private static async Task<SimulationResult> Play() =>
            (await ScenarioTesting.RunAsync(Path.Combine("scenarios", "stakeholder-briefings.yaml"))).ShouldPass();
    }
}
