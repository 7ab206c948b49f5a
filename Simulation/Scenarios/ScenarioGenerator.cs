using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Simulation.Scenarios;

/// <summary>
/// Builds large scenarios from a seed: <c>projects</c> projects shared by <c>agents</c>
/// agents (half trackers, half shippers), each project an experiment feeding a release, weekly status reports,
/// experiments that slip, and blockers (most acknowledged within hours, some left to breach, all resolved within
/// days). The same seed gives the same scenario.
/// </summary>
public static class ScenarioGenerator
{
    public static Scenario Quarter(int projects = 50, int agents = 10, int weeks = 13, int seed = 1)
    {
        var random = new Random(seed);
        var trackers = Enumerable.Range(1, Math.Max(1, agents / 2)).Select(i => new ScenarioAgent($"tracker-{i:00}", AgentKinds.ExperimentTracker, $"Tracker {i}", 2 * projects / agents + 2, AgentHosting.Hosted)).ToList();
        var shippers = Enumerable.Range(1, Math.Max(1, agents - trackers.Count)).Select(i => new ScenarioAgent($"shipper-{i:00}", AgentKinds.ProjectShipper, $"Shipper {i}", 2 * projects / agents + 2, AgentHosting.Hosted)).ToList();
        var start = new DateOnly(2026, 10, 5);
        var work = new List<WorkItem>();
        var declared = new List<ProjectDeclaration>();
        var timeline = new List<TimelineStep>();
        for (var p = 1; p <= projects; p++)
        {
            var id = $"p{p:00}";
            var tracker = trackers[p % trackers.Count].Id;
            var shipper = shippers[p % shippers.Count].Id;
            var experimentEnd = random.Next(14, 50);
            var releaseEnd = experimentEnd + random.Next(3, 30);
            work.Add(new WorkItem($"{id}-exp", WorkItemKind.Experiment, tracker, id, $"Experiment of {id}", start, start.AddDays(experimentEnd), [], random.Next(10, 200) * 1000m, random.Next(1, 20) * 1000));
            work.Add(new WorkItem($"{id}-rel", WorkItemKind.Release, shipper, id, $"Release of {id}", start, start.AddDays(releaseEnd), [new Dependency($"{id}-exp", random.Next(0, 3))],
                Commitments: random.Next(3) == 0 ? [new CustomerCommitment($"customer-{p}", random.Next(1, 50), random.Next(2) == 0)] : [],
                Category: random.Next(5) == 0 ? WorkCategory.TechnicalDebt : WorkCategory.Feature));
            declared.Add(new ProjectDeclaration(id, $"Project {p}", [shipper, tracker], [new Milestone("launch", start.AddDays(releaseEnd))]));

            for (var week = 0; week < weeks; week++)
            {
                var status = random.Next(10) switch { < 6 => "green", < 9 => "yellow", _ => "red" };
                timeline.Add(Step(TimeSpan.FromDays(7 * week + 1), "status", new() { ["project"] = id, ["status"] = status, ["reason"] = $"week {week + 1} report" }));
            }

            if (random.Next(4) == 0)
                timeline.Add(Step(TimeSpan.FromDays(random.Next(1, experimentEnd)), "extend", new() { ["item"] = $"{id}-exp", ["days"] = random.Next(5, 25).ToString(), ["reason"] = "slower traffic than planned" }));
            if (random.Next(3) == 0)
            {
                // Most blockers are taken on within a few hours; one in four is left to breach its SLA.
                var raised = TimeSpan.FromDays(random.Next(1, 7 * weeks));
                timeline.Add(Step(raised, "blocker",
                    new() { ["id"] = $"{id}-blk", ["agent"] = shipper, ["project"] = id, ["category"] = random.Next(3) == 0 ? "requirements" : "infrastructure" }));
                if (random.Next(4) != 0)
                    timeline.Add(Step(raised + TimeSpan.FromHours(random.Next(1, 4)), "acknowledge", new() { ["source"] = $"{id}-blk", ["assignee"] = shipper }));
                timeline.Add(Step(raised + TimeSpan.FromDays(random.Next(1, 6)), "resolve", new() { ["report"] = $"{id}-blk", ["resolution"] = "cleared" }));
            }
        }

        return new Scenario($"generated-{projects}p-{agents}a-{weeks}w-seed{seed}", "A generated quarter.", start, TimeSpan.FromDays(7 * weeks), seed,
            new ScenarioStrategy(["customer-commitments", "learning"], [], "generated"), [.. trackers, .. shippers], declared, work, [], [],
            [.. timeline.OrderBy(s => s.At).ThenBy(s => s.Line)], []);

        TimelineStep Step(TimeSpan at, string action, Dictionary<string, object> args) => new(at, action, args, timeline.Count + 1);
    }
}
