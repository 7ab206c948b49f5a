using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Telemetry;

/// <summary>
/// The domain's telemetry: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>. The Producer records what each operation did from the events it commits, so every instrument
/// counts exactly what the event stream says happened.
/// </summary>
public static class OrchestrationTelemetry
{
    public const string Name = "Orchestration";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Reports = Meter.CreateCounter<long>("orchestration.reports", "{report}", "Blockers and risks reported to the Producer");
    private static readonly Counter<long> Escalations = Meter.CreateCounter<long>("orchestration.escalations", "{escalation}", "Escalations raised, by class");
    private static readonly Counter<long> SlaBreaches = Meter.CreateCounter<long>("orchestration.sla_breaches", "{breach}", "Escalations that missed their SLA, by class");
    // Decisions take minutes to days (the SLA is 48 h): buckets on that scale, not the default sub-3-hour ones.
    private static readonly Histogram<double> DecisionLatency = Meter.CreateHistogram<double>("orchestration.decision.latency", "s", "Time from escalation to decision",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 300, 900, 3_600, 14_400, 28_800, 86_400, 172_800, 345_600, 604_800] });
    private static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("orchestration.handoffs", "{handoff}", "Handoffs settled, by outcome");

    // Where a Producer's time goes, step by step (milliseconds to seconds): the deployed bench reads it from /metrics.
    private static readonly Histogram<double> ProducerSteps = Meter.CreateHistogram<double>("orchestration.producer.duration", "s",
        "Time a Producer spends in each step of storing and delivering changes (write, journal, stores, events, hosted, broadcast, feed)",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>Times one step of a Producer's write or delivery (<paramref name="step"/>: a fixed name, never an id).</summary>
    public static Task Step(string step, Func<Task> work) => Step(step, async () =>
    {
        await work();
        return true;
    });

    /// <inheritdoc cref="Step(string, Func{Task})"/>
    public static async Task<T> Step<T>(string step, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            ProducerSteps.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", step));
        }
    }

    private static readonly ConcurrentDictionary<string, StudioGauges> Studios = new(StringComparer.Ordinal);

    static OrchestrationTelemetry()
    {
        Meter.CreateObservableGauge("orchestration.strategy.version", () => Observe(g => g.StrategyVersion), "{version}", "Strategy version in force, by studio");
        Meter.CreateObservableGauge("orchestration.agents.active", () => Observe(g => g.Agents), "{agent}", "Registered agents, by studio");
        Meter.CreateObservableGauge("orchestration.projects.active", () => Observe(g => g.Projects), "{project}", "Projects, by studio");
    }

    /// <summary>What a studio looks like now, for the gauges (the Producer updates it when it commits).</summary>
    public sealed record StudioGauges(long StrategyVersion, long Agents, long Projects);

    public static void Update(string studioId, StudioGauges gauges) => Studios[studioId] = gauges;

    /// <summary>The studio's Producer left this silo: stop exporting its gauges here (the silo it moves to takes over).</summary>
    public static void Forget(string studioId) => Studios.TryRemove(studioId, out _);

    /// <summary>Records the instruments for the events one operation committed, and a span for each that matters.</summary>
    public static void Record(IEnumerable<StudioEvent> events)
    {
        foreach (var studioEvent in events)
        {
            var studio = new KeyValuePair<string, object?>("studio", studioEvent.StudioId);
            switch (studioEvent)
            {
                case ReportRaised raised:
                    Reports.Add(1, studio, new("kind", raised.Report.Kind.ToString()), new("severity", raised.Report.Severity.ToString()));
                    Span("orchestration.report", studioEvent, ("report.id", raised.Report.ReportId), ("report.kind", raised.Report.Kind.ToString()));
                    break;
                case EscalationRaised escalation:
                    Escalations.Add(1, studio, new("class", escalation.Escalation.Class.ToString()));
                    Span("orchestration.escalation", studioEvent, ("escalation.id", escalation.Escalation.EscalationId), ("escalation.class", escalation.Escalation.Class.ToString()));
                    break;
                case EscalationBreached breached:
                    SlaBreaches.Add(1, studio, new("class", breached.Escalation.Class.ToString()));
                    Span("orchestration.sla_breach", studioEvent, ("escalation.id", breached.Escalation.EscalationId), ("escalation.level", breached.Escalation.Level));
                    break;
                case ConflictRaised conflict:
                    Span("orchestration.conflict", studioEvent, ("conflict.id", conflict.Conflict.ConflictId), ("conflict.slip_days", conflict.Conflict.SlipDays));
                    break;
                case DecisionRecorded decision:
                    DecisionLatency.Record(decision.Decision.Velocity.TotalSeconds, studio, new("decided_by", decision.Decision.DecidedBy == "policy" ? "policy" : "human"));
                    Span("orchestration.decision", studioEvent, ("decision.id", decision.Decision.DecisionId), ("decision.option", decision.Decision.ChosenOptionId),
                        ("conflict.id", decision.Decision.ConflictId));
                    break;
                case HandoffSettled handoff:
                    Handoffs.Add(1, studio, new("outcome", handoff.Handoff.Status.ToString()));
                    break;
            }
        }
    }

    /// <summary>The W3C trace parent of the current activity, carried by inbox messages across the stream.</summary>
    public static string? CurrentTraceParent => Activity.Current?.Id;

    /// <summary>Starts the span of an agent applying an inbox message, as a child of the span that sent it.</summary>
    public static Activity? StartInbox(InboxMessage message, string agentId) =>
        Source.StartActivity("orchestration.inbox", ActivityKind.Consumer,
            ActivityContext.TryParse(message.TraceParent, null, out var parent) ? parent : default,
            [new("agent.id", agentId), new("message.id", message.MessageId), new("message.type", message.GetType().Name)]);

    private static void Span(string name, StudioEvent studioEvent, params (string Key, object Value)[] tags)
    {
        using var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is null) return;
        activity.SetTag("studio.id", studioEvent.StudioId);
        activity.SetTag("event.sequence", studioEvent.Sequence);
        foreach (var (key, value) in tags) activity.SetTag(key, value);
    }

    private static IEnumerable<Measurement<long>> Observe(Func<StudioGauges, long> value) =>
        Studios.Select(s => new Measurement<long>(value(s.Value), new KeyValuePair<string, object?>("studio", s.Key)));
}
