using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Work;
using static Orchestration.Simulation.Library.ScriptedChatClient;

namespace Orchestration.Tests.Cluster.AI;

/// <summary>The seed's Workflow 2 for a model-driven agent: the studio it plays in, and the turns of a scripted model
/// that does its job, read from the conversation as a real model would.</summary>
internal static class ModelScripts
{
    /// <summary>The agent's experiment (21 days, 200,000 at stake) that a hosted Shipper's release, committed to Acme in
    /// 30 days, needs 2 days before: extending it by 21 days raises a conflict the policy decides at once (a faster
    /// variant of the experiment, as in ConflictResolutionTests).</summary>
    public static async Task<WorkItem> PlanExperimentNeededByARelease(StudioClient studio, string agentId, string experimentId, string shipperId, string releaseId, DateOnly today)
    {
        var experiment = new WorkItem(experimentId, WorkItemKind.Experiment, agentId, "checkout", "CTA test", today, today.AddDays(21), [], 200_000m, 10_000);
        await studio.WorkGraph.DeclareWorkItem(experiment, "planned");
        await studio.HostedAgent<IProjectShipperGrain>(shipperId).PlanRelease(new ReleasePlan(releaseId, "checkout", "One-page checkout", today.AddDays(30), [],
            WorkStart: today, Commitments: [new CustomerCommitment("Acme", 40, Contractual: true)], DependsOn: [new Dependency(experimentId, LeadDays: 2)]));
        return experiment;
    }

    /// <summary>What a model that does its job calls: each of its action items applied (the item declared again as the
    /// item says), then the decision acknowledged.</summary>
    public static Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> AppliesTheDecision(string agentId) => Calls(conversation =>
    {
        var message = MessageJson(conversation);
        var items = ItemsJson(conversation).EnumerateArray().ToDictionary(i => i.GetProperty("itemId").GetString()!);
        var calls = new List<(string, object)>();
        foreach (var action in message.GetProperty("actionItems").EnumerateArray().Where(a => a.GetProperty("agentId").GetString() == agentId))
        {
            var item = items[action.GetProperty("itemId").GetString()!];
            var dropped = action.GetProperty("dropDependencyOn").GetString();
            calls.Add(("declare_work_item", new
            {
                itemId = item.GetProperty("itemId").GetString(),
                kind = item.GetProperty("kind").GetString(),
                projectId = item.GetProperty("projectId").GetString(),
                title = item.GetProperty("title").GetString(),
                start = Or(action, "newStart", item, "start"),
                end = Or(action, "newEnd", item, "end"),
                reason = $"applying {action.GetProperty("actionItemId").GetString()}",
                needs = item.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetProperty("itemId").GetString()).Where(d => d != dropped).ToArray(),
            }));
        }

        calls.Add(("acknowledge_decision", new { conflictId = message.GetProperty("conflictId").GetString(), decisionId = message.GetProperty("decision").GetProperty("decisionId").GetString() }));
        return calls;
    });

    private static string Or(JsonElement action, string field, JsonElement item, string fallback) =>
        action.GetProperty(field).ValueKind == JsonValueKind.Null ? item.GetProperty(fallback).GetString()! : action.GetProperty(field).GetString()!;
}
