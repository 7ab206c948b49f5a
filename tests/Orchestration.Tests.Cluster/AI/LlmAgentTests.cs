using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Orchestration.Simulation.Library;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.Llm;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;
using static Orchestration.Simulation.Library.ScriptedChatClient;

namespace Orchestration.Tests.Cluster.AI;

/// <summary>
/// The <c>llm-agent</c> kind through the seed's Workflow 2, its model a script: it receives the decision, calls the
/// studio's functions, and the conflict resolves; a model that calls a forbidden function, names another agent's
/// work, times out or never answers the message sends nothing, and the message is tried again or dead-lettered.
/// </summary>
[Collection(ClusterCollection.Name)]
public class LlmAgentTests(ClusterFixture fixture)
{
    private static ScriptedChatClient Model => ClusterFixture.Model;

    private sealed record Studio(StudioClient Client, ILlmAgentGrain Agent, string AgentId, string ShipperId, WorkItem Experiment);

    /// <summary>An LLM agent running an experiment a hosted Shipper's release needs, the strategy in force noted by its model.</summary>
    private async Task<Studio> Setup()
    {
        var studio = fixture.NewStudio();
        var (agentId, shipperId) = (Ids.New("llm"), Ids.New("shipper"));
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "learning"], [], "Customers first", "ceo"));
        Model.Play(agentId, Says("The priorities fit my work; nothing to change."));
        await studio.StartHostedAgentAsync(AgentKinds.LlmAgent, agentId, "LLM tracker", 2);
        var agent = studio.HostedAgent<ILlmAgentGrain>(agentId);
        await Eventually.Until(agent.GetReactions, r => r.Applied.Any(a => a.MessageType == nameof(StrategyBroadcast)), "the strategy noted");

        var experiment = await ModelScripts.PlanExperimentNeededByARelease(studio, agentId, "exp-copy", shipperId, "copy-v1", fixture.Today);
        return new Studio(studio, agent, agentId, shipperId, experiment);
    }

    /// <summary>The experiment needs three more weeks: the conflict with the release committed to Acme, decided by policy.</summary>
    private static async Task<string> Slip(Studio s) =>
        Assert.Single((await s.Client.WorkGraph.DeclareWorkItem(s.Experiment with { End = s.Experiment.End.AddDays(21) }, "slow traffic")).ConflictsRaised);

    private static Task<Conflict> Resolved(Studio s, string conflictId) =>
        Eventually.Until(async () => (await s.Client.WorkGraph.GetConflict(conflictId))!, c => c.Status == ConflictStatus.Resolved, $"{conflictId} resolved");

    private static Task<LlmAgentReport> Failed(Studio s, int attempts) =>
        Eventually.Until(s.Agent.GetReactions, r => r.Pending.Any(p => p.MessageType == nameof(DecisionIssued) && p.Attempts == attempts && p.LastError is not null) || r.DeadLetters.Count > 0,
            $"attempt {attempts} at the decision to fail");

    /// <summary>Past the longest first backoff on the studio clock, then a nudge (a silo's timer would come a minute later).</summary>
    private async Task<int> RetryNow(Studio s)
    {
        fixture.StudioTime.Advance(TimeSpan.FromMinutes(2));
        return await s.Agent.Tick();
    }

    [Fact]
    public async Task The_model_receives_the_decision_applies_its_action_items_and_acknowledges_and_the_conflict_resolves()
    {
        var s = await Setup();
        Model.Play(s.AgentId, ModelScripts.AppliesTheDecision(s.AgentId), Says("Moved the experiment as decided and acknowledged the decision."));

        var conflictId = await Slip(s);
        var conflict = await Resolved(s, conflictId);

        var decision = conflict.Decision!;
        Assert.All(decision.ActionItems, a => Assert.Equal(ActionStatus.Done, a.Status));
        var mine = decision.ActionItems.Where(a => a.AgentId == s.AgentId).ToList();
        Assert.NotEmpty(mine);
        var declared = (await s.Client.WorkGraph.GetWorkItem("exp-copy"))!;
        foreach (var action in mine)
        {
            if (action.NewEnd is { } end) Assert.Equal(end, declared.End);
            if (action.NewStart is { } start) Assert.Equal(start, declared.Start);
        }

        Assert.Equal((200_000m, 10_000), (declared.RevenueAtStake, declared.SampleSizeNeeded)); // declared again, nothing the function cannot say is lost
        var reactions = await s.Agent.GetReactions();
        var reaction = Assert.Single(reactions.Applied, r => r.MessageType == nameof(DecisionIssued));
        Assert.Equal((1, mine.Count + 1, 240L, 60L), (reaction.Attempts, reaction.FunctionCalls, reaction.InputTokens, reaction.OutputTokens));
        Assert.Equal($"acknowledged decision {decision.DecisionId} of {conflictId}", reaction.Actions[^1]);
        Assert.StartsWith("declared exp-copy ", reaction.Actions[0], StringComparison.Ordinal);
        Assert.Equal("Moved the experiment as decided and acknowledged the decision.", reaction.Answer);
        Assert.Empty(reactions.Pending);
        Assert.Contains((await s.Agent.GetSnapshot()).Inbox, m => m.Type == nameof(DecisionIssued));
        Assert.All(Model.FunctionResults(s.AgentId), r => Assert.StartsWith("staged: ", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_that_calls_a_function_it_is_not_allowed_sends_nothing_and_the_message_is_tried_again()
    {
        var s = await Setup();
        Model.Play(s.AgentId,
            Calls(("declare_work_item", new { itemId = "exp-copy", kind = "experiment", projectId = "checkout", title = "Copy test", start = s.Experiment.Start.ToString("O"), end = s.Experiment.End.AddDays(3).ToString("O"), reason = "why not" }),
                  ("report_risk", new { reportId = "rsk-1", projectId = "checkout", summary = "x", impact = "y", severity = "low", owner = "me", likelihood = 0.5, mitigation = "none" })));

        var conflictId = await Slip(s);
        var failed = Assert.Single((await Failed(s, 1)).Pending);

        Assert.Contains("called 'report_risk', which is not one of the functions it is allowed", failed.LastError);
        Assert.Empty(await s.Client.GetOpenReportsAsync()); // the risk was never sent
        Assert.Equal(s.Experiment.End.AddDays(21), (await s.Client.WorkGraph.GetWorkItem("exp-copy"))!.End); // nor the declaration staged before it
        Assert.NotEqual(ConflictStatus.Resolved, (await s.Client.WorkGraph.GetConflict(conflictId))!.Status);
        Assert.DoesNotContain((await s.Agent.GetReactions()).Applied, r => r.MessageType == nameof(DecisionIssued));

        Model.Play(s.AgentId, ModelScripts.AppliesTheDecision(s.AgentId), Says("Applied."));
        Assert.Equal(1, await RetryNow(s));
        await Resolved(s, conflictId);
        Assert.Equal(2, (await s.Agent.GetReactions()).Applied.Single(r => r.MessageType == nameof(DecisionIssued)).Attempts);
    }

    [Fact]
    public async Task A_model_that_names_another_agent_s_work_or_another_decision_is_refused_in_words_it_can_correct()
    {
        var s = await Setup();
        var release = (await s.Client.WorkGraph.GetWorkItem("copy-v1"))!;
        Model.Play(s.AgentId,
            Calls(("declare_work_item", new { itemId = "copy-v1", kind = "release", projectId = "checkout", title = "New copy", start = release.Start.ToString("O"), end = release.End.AddDays(30).ToString("O"), reason = "make room" }),
                  ("acknowledge_decision", new { conflictId = "conflict-404", decisionId = "decision-404" })),
            ModelScripts.AppliesTheDecision(s.AgentId),
            Says("Applied my own item once told which was mine."));

        var conflictId = await Slip(s);
        await Resolved(s, conflictId);

        var results = Model.FunctionResults(s.AgentId);
        Assert.Equal($"not permitted: itemId: 'copy-v1' is owned by agent '{s.ShipperId}': you declare only your own items", results[0]);
        Assert.StartsWith("refused: decisionId: you acknowledge the decision you are reacting to: decision '", results[1], StringComparison.Ordinal);
        Assert.Equal(release.End, (await s.Client.WorkGraph.GetWorkItem("copy-v1"))!.End); // the Shipper's release kept its date
        Assert.Equal(1, (await s.Agent.GetReactions()).Applied.Single(r => r.MessageType == nameof(DecisionIssued)).Attempts);
    }

    [Fact]
    public async Task A_model_that_times_out_leaves_the_agent_unchanged_and_the_message_is_retried()
    {
        var s = await Setup();
        Model.Play(s.AgentId, Hangs());

        var conflictId = await Slip(s);
        var failed = Assert.Single((await Failed(s, 1)).Pending);

        Assert.Equal("the model did not finish within 2 s", failed.LastError);
        Assert.DoesNotContain((await s.Agent.GetReactions()).Applied, r => r.MessageType == nameof(DecisionIssued));
        Assert.NotEqual(ConflictStatus.Resolved, (await s.Client.WorkGraph.GetConflict(conflictId))!.Status);

        Model.Play(s.AgentId, ModelScripts.AppliesTheDecision(s.AgentId), Says("Applied on the second try."));
        Assert.Equal(1, await RetryNow(s));
        await Resolved(s, conflictId);
        var user = Model.Seen(s.AgentId)[^1].First(m => m.Role == ChatRole.User).Text;
        Assert.Contains("The last attempt at this message failed: the model did not finish within 2 s", user); // the model is told why
    }

    [Fact]
    public async Task A_model_that_never_answers_the_message_has_it_dead_lettered_and_an_operator_can_send_it_back()
    {
        var s = await Setup();
        Model.Play(s.AgentId, Says("I would rather not."), Says("Still no."), Says("No."));

        var conflictId = await Slip(s);
        Assert.Contains("finished without acknowledging decision", Assert.Single((await Failed(s, 1)).Pending).LastError);
        Assert.Equal(0, await RetryNow(s));
        Assert.Equal(0, await RetryNow(s));

        var report = await s.Agent.GetReactions();
        Assert.Empty(report.Pending);
        var dead = Assert.Single(report.DeadLetters);
        Assert.Equal((3, nameof(DecisionIssued)), (dead.Attempts, dead.MessageType));
        Assert.NotEqual(ConflictStatus.Resolved, (await s.Client.WorkGraph.GetConflict(conflictId))!.Status);

        Model.Play(s.AgentId, ModelScripts.AppliesTheDecision(s.AgentId), Says("Done after all."));
        await s.Agent.Retry(dead.MessageId);
        await Resolved(s, conflictId);
        Assert.Empty((await s.Agent.GetReactions()).DeadLetters);
    }

    [Fact]
    public async Task Messages_are_reacted_to_one_at_a_time_in_the_order_they_came_and_one_that_waits_holds_the_next()
    {
        var studio = fixture.NewStudio();
        var (agentId, shipperId) = (Ids.New("llm"), Ids.New("shipper"));
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 3);
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "learning"], [], "Customers first", "ceo"));
        Model.Play(agentId, Hangs()); // its first message, the strategy in force, times out
        await studio.StartHostedAgentAsync(AgentKinds.LlmAgent, agentId, "LLM tracker", 2);
        var agent = studio.HostedAgent<ILlmAgentGrain>(agentId);
        var s = new Studio(studio, agent, agentId, shipperId, await ModelScripts.PlanExperimentNeededByARelease(studio, agentId, "exp-copy", shipperId, "copy-v1", fixture.Today));
        var conflictId = await Slip(s);

        var waiting = await Eventually.Until(agent.GetReactions, r => r.Pending.Count == 2 && r.Pending[0].LastError is not null, "the strategy's attempt to fail with the decision behind it");
        Assert.Equal([nameof(StrategyBroadcast), nameof(DecisionIssued)], waiting.Pending.Select(p => p.MessageType));
        Assert.Equal(0, waiting.Pending[1].Attempts); // not tried while the one before it waits
        Assert.Single(Model.Seen(agentId));

        Model.Play(agentId, Says("The priorities fit my work."), ModelScripts.AppliesTheDecision(agentId), Says("Applied."));
        Assert.Equal(2, await RetryNow(s)); // the strategy, then the decision, in one nudge
        await Resolved(s, conflictId);
        Assert.Equal([nameof(StrategyBroadcast), nameof(DecisionIssued)], (await agent.GetReactions()).Applied.Select(r => r.MessageType));
    }

    [Fact]
    public async Task Every_model_call_is_traced_with_the_GenAI_conventions_and_its_tokens_counted_on_the_Orchestration_meter()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Orchestration",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var tokens = new System.Collections.Concurrent.ConcurrentQueue<(long Value, string? Studio, string? Type)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) => { if (instrument.Name == "orchestration.llm.tokens") l.EnableMeasurementEvents(instrument); };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            tokens.Enqueue((value, Tag(tags, "studio"), Tag(tags, "gen_ai.token.type"))));
        meters.Start();

        var s = await Setup();
        Model.Play(s.AgentId, ModelScripts.AppliesTheDecision(s.AgentId), Says("Applied."));
        await Resolved(s, await Slip(s));

        var agentSpans = spans.Where(a => a.OperationName == $"invoke_agent {s.AgentId}").ToList();
        var decision = Assert.Single(agentSpans, a => (string?)a.GetTagItem("orchestration.message.type") == nameof(DecisionIssued));
        Assert.Equal("invoke_agent", decision.GetTagItem("gen_ai.operation.name"));
        var inside = spans.Where(a => a.TraceId == decision.TraceId && a.ParentSpanId == decision.SpanId).ToList();
        var chats = inside.Where(a => (string?)a.GetTagItem("gen_ai.operation.name") == "chat").ToList();
        Assert.Equal(2, chats.Count); // asked, then given the results
        Assert.All(chats, c => Assert.Equal(120, Convert.ToInt64(c.GetTagItem("gen_ai.usage.input_tokens"))));
        Assert.Equal(["execute_tool acknowledge_decision", "execute_tool declare_work_item"], inside.Where(a => (string?)a.GetTagItem("gen_ai.operation.name") == "execute_tool").Select(a => a.OperationName).Order());
        meters.RecordObservableInstruments();
        var counted = tokens.Where(t => t.Studio == s.Client.StudioId).ToList();
        Assert.Equal((2 * 120 + 120, 2 * 30 + 30), (counted.Where(t => t.Type == "input").Sum(t => t.Value), counted.Where(t => t.Type == "output").Sum(t => t.Value))); // the strategy's turn, then the decision's two
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags) if (tag.Key == name) return tag.Value as string;
        return null;
    }
}
