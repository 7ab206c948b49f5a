using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.ServiceDefaults;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Observability;

/// <summary>One trace follows a report from the calling agent service through the Producer, the escalation, the
/// decision, and the directive each agent applies (across the inbox stream), back to their acknowledgements.</summary>
[Collection(ClusterCollection.Name)]
public class TracingTests(ClusterFixture fixture)
{
    private static readonly ActivitySource AgentService = new("test.agent-service");

    [Fact]
    public async Task One_trace_covers_the_report_to_decision_path()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(AgentService.Name)
            .AddOrchestrationInstrumentation()
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(spans)
            .Build();

        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var shipperId = Ids.New("shipper");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 4);
        await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, shipperId, "Shipper", 4);
        await studio.PublishStrategyAsync(new StrategyChange(Ids.New("m"), 1, ["customer-commitments", "learning"], [], "Customers first", "ceo"));
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var today = fixture.Today;
        await tracker.PlanExperiment(new ExperimentPlan("exp-cta", "checkout", "CTA", today, today.AddDays(21), [], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
        await studio.HostedAgent<IProjectShipperGrain>(shipperId).PlanRelease(new ReleasePlan("checkout-v2", "checkout", "Checkout", today.AddDays(30), [], today,
            [new CustomerCommitment("Acme", 40, true), new CustomerCommitment("Beta", 10, false)], [new Dependency("exp-cta", 2)]));

        string conflictId;
        ActivityTraceId traceId;
        using (var report = AgentService.StartActivity("agent-service.report-slip"))
        {
            traceId = report!.TraceId;
            conflictId = (await tracker.ExtendExperiment("exp-cta", 21, "needs three more weeks")).ConflictsRaised.Single();
        }

        var conflict = await Eventually.Until(async () => (await studio.WorkGraph.GetConflict(conflictId))!, c => c.Status == ConflictStatus.Resolved, "the decision to be applied");
        var trace = await Eventually.Until(() =>
        {
            tracing.ForceFlush();
            lock (spans) return Task.FromResult(spans.Where(s => s.TraceId == traceId).ToList());
        }, t => t.Count(s => s.DisplayName == "orchestration.inbox") >= 2 && t.Any(s => s.DisplayName.Contains("AcknowledgeDecision", StringComparison.Ordinal)),
            "the agents' spans to join the trace");

        var names = trace.Select(s => s.DisplayName).ToHashSet();
        Assert.Contains("agent-service.report-slip", names);
        Assert.Contains(names, n => n.Contains("ExtendExperiment", StringComparison.Ordinal));   // client → tracker grain
        Assert.Contains(names, n => n.Contains("DeclareWorkItem", StringComparison.Ordinal));    // tracker → producer
        Assert.Contains("orchestration.conflict", names);
        Assert.Contains("orchestration.escalation", names);
        Assert.Contains("orchestration.decision", names);

        var decision = trace.Single(s => s.DisplayName == "orchestration.decision");
        Assert.Equal((conflict.Decision!.DecisionId, conflict.Decision.ChosenOptionId, conflictId),
            ((string?)decision.GetTagItem("decision.id"), (string?)decision.GetTagItem("decision.option"), (string?)decision.GetTagItem("conflict.id")));
        Assert.Equal("StrategicConflict", trace.Single(s => s.DisplayName == "orchestration.escalation").GetTagItem("escalation.class"));
        var applied = trace.Where(s => s.DisplayName == "orchestration.inbox").ToList();
        Assert.Equal([shipperId, trackerId], applied.Select(s => (string)s.GetTagItem("agent.id")!).Order(StringComparer.Ordinal));
        Assert.All(applied, s => Assert.Equal("DecisionIssued", s.GetTagItem("message.type")));
        Assert.All(trace, s => Assert.Equal(traceId, s.TraceId));
    }
}
