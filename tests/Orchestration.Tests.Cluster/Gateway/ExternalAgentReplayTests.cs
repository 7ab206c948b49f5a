using System.Text.Json;
using Orchestration.Client.Journal;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Simulation.Library;
using Orchestration.Simulation.Replay;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>
/// Replay is as faithful as the record, with agents outside the silo: a history made over HTTP by two external agents
/// — their declarations, the decisions they applied and acknowledged, a blocker reported before 09:00 — exported and
/// replayed unchanged comes out the same: the same decisions, the same counts, the SLA clock at the same instant.
/// </summary>
[Collection(GatewayCollection.Name)]
public class ExternalAgentReplayTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_history_made_by_external_agents_over_HTTP_replays_unchanged()
    {
        var studio = fixture.NewStudio();
        // The studio's day begins early: everything below happens before 09:00 on the journal's first day.
        fixture.StudioTime.SetUtcNow(new DateTimeOffset(fixture.Today.AddDays(1).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));
        var today = fixture.Today;
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "revenue"], [], "customers first", "ceo"));
        using var tracker = await fixture.Credential(studio.StudioId, Ids.New("ext-tracker"), CredentialRole.Agent);
        using var shipper = await fixture.Credential(studio.StudioId, Ids.New("ext-shipper"), CredentialRole.Agent);
        (await tracker.Post("agents", new { kind = "experiment-tracker", displayName = "External tracker", capacity = 3 })).Ok();
        (await shipper.Post("agents", new { kind = "project-shipper", displayName = "External shipper", capacity = 3 })).Ok();

        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        object Experiment(int end) => new
        {
            item = new { itemId = "exp-1", kind = "experiment", projectId = "checkout", title = "Green CTA", start = Day(0), end = Day(end), dependsOn = Array.Empty<object>(),
                revenueAtStake = 200_000, sampleSizeNeeded = 10_000 },
            reason = end == 21 ? "planned" : "needs more traffic",
        };
        (await tracker.Post("work", Experiment(21))).Ok();
        (await shipper.Post("work", new
        {
            item = new { itemId = "rel-1", kind = "release", projectId = "checkout", title = "Checkout", start = Day(0), end = Day(30),
                dependsOn = new[] { new { itemId = "exp-1", leadDays = 2 } }, commitments = new[] { new { customer = "Acme", accounts = 40, contractual = true } } },
            reason = "planned",
        })).Ok();
        (await tracker.Post("reports/blockers", new { reportId = "blk-early", projectId = "checkout", summary = "Traffic is too low", blocks = "exp-1",
            impact = "The result comes late", severity = "high", owner = "producer" })).Ok();

        // A slip, decided by the policy, applied and acknowledged by both agents; later a second slip, the same again.
        var first = Conflict((await tracker.Post("work", Experiment(42))).Ok());
        await ApplyAndAcknowledge(first, tracker, shipper);
        fixture.StudioTime.Advance(TimeSpan.FromHours(5)); // past the blocker's 4 h SLA
        await studio.Escalations.CheckEscalationSlas();
        var current = (await tracker.Get("work/exp-1")).Ok().Body.GetProperty("end").GetString()!;
        var second = Conflict((await tracker.Post("work", new
        {
            item = new { itemId = "exp-1", kind = "experiment", projectId = "checkout", title = "Green CTA", start = Day(0),
                end = DateOnly.Parse(current, System.Globalization.CultureInfo.InvariantCulture).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                dependsOn = Array.Empty<object>(), revenueAtStake = 200_000, sampleSizeNeeded = 10_000 },
            reason = "the variant underperformed",
        })).Ok());
        Assert.NotEqual(first, second);
        await ApplyAndAcknowledge(second, tracker, shipper);

        var events = new List<StudioEvent>();
        await foreach (var e in studio.ReadJournalAsync()) events.Add(e);
        var path = Path.Combine(Path.GetTempPath(), $"external-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var file = new StreamWriter(path)) await JournalFile.WriteAsync(file, studio.StudioId, events, fixture.StudioTime.GetUtcNow());

            var replay = await ScenarioTesting.ReplayAsync(path);

            Assert.True(replay.Reproduced, ReplayReport.ToMarkdown(replay));
            Assert.Empty(replay.Refusals(replay.Baseline));
            Assert.Equal(2, replay.Fidelity.Count(d => d.Before?.ChosenOptionId is not null && d.Before.Status == d.After?.Status));
            // The blocker was reported at 07:00 and its SLA fell due at 11:00, in the record and in the replay alike.
            var recorded = events.OfType<EscalationRaised>().Single(e => e.Escalation.Class == EscalationClass.AgentBlocker).Escalation;
            var replayed = replay.Baseline.Events!.OfType<EscalationRaised>().Single(e => e.Escalation.Class == EscalationClass.AgentBlocker).Escalation;
            Assert.Equal((recorded.RaisedAt, recorded.DueAt), (replayed.RaisedAt, replayed.DueAt));
            Assert.Equal(7, recorded.RaisedAt.Hour);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Conflict(Answer declared) => Assert.Single(declared.Body.GetProperty("conflictsRaised").EnumerateArray()).GetString()!;

    /// <summary>What a well-behaved external agent does with a decision: its action items applied to its work items,
    /// then the decision acknowledged.</summary>
    private async Task ApplyAndAcknowledge(string conflictId, params HttpAgent[] agents)
    {
        var decision = (await agents[0].Get($"conflicts/{conflictId}")).Ok().Body.GetProperty("decision");
        foreach (var agent in agents)
        {
            foreach (var action in decision.GetProperty("actionItems").EnumerateArray().Where(a => a.GetProperty("agentId").GetString() == agent.Subject))
            {
                var item = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await agent.Get($"work/{action.GetProperty("itemId").GetString()}")).Ok().Body.GetRawText())!;
                var applied = item.ToDictionary(p => p.Key, p => (object)p.Value);
                if (action.GetProperty("newStart").GetString() is { } start) applied["start"] = start;
                if (action.GetProperty("newEnd").GetString() is { } end) applied["end"] = end;
                if (action.GetProperty("action").GetString() == "descope")
                    applied["dependsOn"] = item["dependsOn"].EnumerateArray().Where(d => d.GetProperty("itemId").GetString() != action.GetProperty("dropDependencyOn").GetString()).ToList();
                (await agent.Post("work", new { item = applied, reason = $"applying {action.GetProperty("actionItemId").GetString()}: {action.GetProperty("instruction").GetString()}" })).Ok();
            }

            (await agent.Post($"conflicts/{conflictId}/acknowledge", new { decisionId = decision.GetProperty("decisionId").GetString() })).Ok();
        }

        await Eventually.Until(async () => (await agents[0].Get($"conflicts/{conflictId}")).Ok().Body.GetProperty("status").GetString(), s => s == "resolved", $"{conflictId} to resolve");
    }
}
