using Orchestration.Client.Journal;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Simulation.Running;

namespace Orchestration.Simulation.Replay;

/// <summary>One conflict's final decision, keyed by what conflicted (so two runs can be compared even when their
/// conflict ids differ): the prerequisite, the item it was late for, and which time that pair conflicted.</summary>
/// <param name="CommitmentsBroken">Customer commitments the chosen option breaks (none decided: null).</param>
public sealed record DecisionOutcome(string Key, string ConflictId, TimeSpan At, string? ChosenOptionId, string? DecidedBy, string? Rationale, double? Cost, string Status,
    int? CommitmentsBroken = null);

/// <summary>A decision as the record and a run have it; <see cref="Differs"/> when the option or who decided differ.</summary>
public sealed record DecisionChange(string Key, TimeSpan At, DecisionOutcome? Before, DecisionOutcome? After)
{
    public bool Differs => Before?.ChosenOptionId != After?.ChosenOptionId || Before?.DecidedBy != After?.DecidedBy || Before?.Status != After?.Status;
}

/// <summary>What <c>simulate replay</c> found: whether the unchanged replay reproduced the record, and what the change changed.</summary>
/// <summary>A count the record and the unchanged replay should agree on (SLA breaches, interventions, escalations by class…).</summary>
public sealed record FidelityFact(string What, int Recorded, int Replayed)
{
    public bool Differs => Recorded != Replayed;
}

public sealed record ReplayResult(
    JournalFileHeader Header,
    int RecordedEvents,
    ReplayChanges Changes,
    IReadOnlyList<DecisionChange> Fidelity,
    IReadOnlyList<FidelityFact> Facts,
    SimulationResult Baseline,
    SimulationResult? Variant,
    IReadOnlyList<DecisionChange> Decisions,
    IReadOnlyList<(string ItemId, string Before, string After)> WorkItems,
    (int Before, int After) SlaBreaches,
    IReadOnlyList<(MetricValue Before, MetricValue After)> Metrics,
    IReadOnlyList<string> NotReplayed)
{
    /// <summary>Every recorded decision, and every counted outcome, came out the same in the unchanged replay.</summary>
    public bool Reproduced => Fidelity.All(d => !d.Differs) && Facts.All(f => !f.Differs);

    /// <summary>Steps the run could not take (an approval of a conflict that no longer exists, …), from both runs.</summary>
    public IEnumerable<TimelineEntry> Refusals(SimulationResult run) => run.Timeline.Where(t => t.Type == "Refused");
}

/// <summary>How far a replay is: its stage ("reading", "replaying the record", "replaying the change") and how much of it is done.</summary>
public sealed record ReplayProgress(string Stage, double Done, double Total, string Unit);

/// <summary>
/// Replays a studio's recorded journal on virtual time: once unchanged (the baseline, checked against the record's
/// own decisions), and once with the changes, then compares the two — decisions, their knock-on effects on the work's
/// dates, SLA breaches, and every metric against its target. Both runs are computed the same way, so what differs is
/// what the change made differ.
/// </summary>
public static class JournalReplay
{
    public static async Task<ReplayResult> RunAsync(string journalPath, ReplayChanges changes, CancellationToken cancellationToken = default,
        IProgress<ReplayProgress>? progress = null)
    {
        var lines = progress is null ? 0 : CountLines(journalPath);
        var (header, events) = await JournalFile.ReadAsync(journalPath, cancellationToken,
            progress is null ? null : new Progress<int>(read => progress.Report(new ReplayProgress("reading", read, Math.Max(lines, read), "lines"))));
        return await RunAsync(header, events, changes, cancellationToken, progress);
    }

    /// <param name="progress">Hears how far the replay is: reading the file, then each run on virtual time.</param>
    public static async Task<ReplayResult> RunAsync(JournalFileHeader header, IReadOnlyList<StudioEvent> events, ReplayChanges changes, CancellationToken cancellationToken = default,
        IProgress<ReplayProgress>? progress = null)
    {
        IProgress<SimulationProgress>? Stage(string name, TimeSpan total) => progress is null ? null
            : new Progress<SimulationProgress>(p => progress.Report(new ReplayProgress(name, p.Simulated.TotalDays, total.TotalDays, "days")));
        var unchanged = JournalScenario.From(header, events, changes with { Strategy = null, Sla = null });
        var baseline = await ScenarioRunner.RunAsync(unchanged.Scenario, Stage("replaying the record", unchanged.Scenario.Duration), cancellationToken);
        var recorded = Outcomes(events.Where(e => changes.Until is not { } day || DateOnly.FromDateTime(e.At.UtcDateTime) <= day).ToList(), unchanged.Scenario.StartInstant);
        var recordedEvents = events.Where(e => changes.Until is not { } last || DateOnly.FromDateTime(e.At.UtcDateTime) <= last).ToList();
        var fidelity = Compare(recorded, Outcomes(baseline.Events!, baseline.Start));
        var facts = Facts(recordedEvents).Join(Facts(baseline.Events!), f => f.What, f => f.What, (r, b) => new FidelityFact(r.What, r.Count, b.Count)).ToList();

        SimulationResult? variant = null;
        if (!changes.IsEmpty)
        {
            var changed = JournalScenario.From(header, events, changes).Scenario;
            variant = await ScenarioRunner.RunAsync(changed, Stage("replaying the change", changed.Duration), cancellationToken, changes.Configure);
        }

        var after = variant ?? baseline;

        var decisions = Compare(Outcomes(baseline.Events!, baseline.Start), Outcomes(after.Events!, after.Start));
        var before = FinalDates(baseline.Events!);
        var now = FinalDates(after.Events!);
        var items = before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Select(id => (id, before.GetValueOrDefault(id, "—"), now.GetValueOrDefault(id, "—")))
            .Where(i => i.Item2 != i.Item3).ToList();
        var metrics = baseline.Metrics.Metrics.Join(after.Metrics.Metrics, m => m.Key, m => m.Key, (b, a) => (b, a)).ToList();
        return new ReplayResult(header, events.Count, changes, fidelity, facts, baseline, variant, decisions, items,
            (baseline.Events!.OfType<EscalationBreached>().Count(), after.Events!.OfType<EscalationBreached>().Count()), metrics, unchanged.NotReplayed);
    }

    /// <summary>Each conflict's last decision (or its end without one), keyed by its prerequisite, impacted item and occurrence.</summary>
    private static List<DecisionOutcome> Outcomes(IReadOnlyList<StudioEvent> events, DateTimeOffset start)
    {
        var raised = new Dictionary<string, (string Key, TimeSpan At, Conflict Conflict)>(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var decided = new Dictionary<string, Decision>(StringComparer.Ordinal);
        var chosen = new Dictionary<string, ResolutionOption>(StringComparer.Ordinal);
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case ConflictRaised r:
                    var pair = $"{r.Conflict.ViaItemId} → {r.Conflict.ImpactedItemId}";
                    var n = occurrences[pair] = occurrences.GetValueOrDefault(pair) + 1;
                    raised[r.Conflict.ConflictId] = (n == 1 ? pair : $"{pair} (#{n})", r.At - start, r.Conflict);
                    status[r.Conflict.ConflictId] = "open";
                    break;
                case DecisionHeld h:
                    status[h.ConflictId] = $"held for a human: {h.Because}";
                    break;
                case DecisionRecorded d:
                    decided[d.Decision.ConflictId] = d.Decision;
                    if (d.Chosen is { } option) chosen[d.Decision.ConflictId] = option;
                    else chosen.Remove(d.Decision.ConflictId);
                    status[d.Decision.ConflictId] = "decided";
                    break;
                case ConflictWithdrawn w:
                    status[w.ConflictId] = "withdrawn";
                    break;
                case ConflictClosed c when c.Status == ConflictStatus.Superseded:
                    status[c.ConflictId] = "superseded";
                    break;
            }
        }

        return [.. raised.Select(r =>
        {
            var decision = decided.GetValueOrDefault(r.Key);
            var option = chosen.GetValueOrDefault(r.Key);
            return new DecisionOutcome(r.Value.Key, r.Key, r.Value.At, decision?.ChosenOptionId, decision?.DecidedBy, decision?.Rationale, option?.Score, status[r.Key],
                option?.Impact.CommitmentsBroken);
        }).OrderBy(o => o.At).ThenBy(o => o.Key, StringComparer.Ordinal)];
    }

    private static List<DecisionChange> Compare(List<DecisionOutcome> before, List<DecisionOutcome> after)
    {
        var keys = before.Select(o => (o.Key, o.At)).Concat(after.Select(o => (o.Key, o.At)))
            .GroupBy(k => k.Key).Select(g => (Key: g.Key, At: g.Min(x => x.At))).OrderBy(k => k.At).ThenBy(k => k.Key, StringComparer.Ordinal);
        return [.. keys.Select(k => new DecisionChange(k.Key, k.At, before.FirstOrDefault(o => o.Key == k.Key), after.FirstOrDefault(o => o.Key == k.Key)))];
    }

    /// <summary>What the record and a replay are counted on, beside the decisions: the same names in both, zero included.</summary>
    private static IEnumerable<(string What, int Count)> Facts(IReadOnlyList<StudioEvent> events)
    {
        yield return ("conflicts raised", events.OfType<ConflictRaised>().Count());
        yield return ("SLA breaches", events.OfType<EscalationBreached>().Count());
        foreach (var escalationClass in Enum.GetValues<Grains.Interfaces.Escalations.EscalationClass>())
            yield return ($"escalations raised: {escalationClass}", events.OfType<EscalationRaised>().Count(e => e.Escalation.Class == escalationClass));
        yield return ("interventions", events.OfType<InterventionChanged>().Count());
        yield return ("systemic issues flagged", events.OfType<SystemicIssueFlagged>().Count());
        yield return ("work completed", events.OfType<WorkItemCompleted>().Count());
        yield return ("handoffs settled", events.OfType<HandoffSettled>().Count());
    }

    private static Dictionary<string, string> FinalDates(IReadOnlyList<StudioEvent> events) =>
        events.OfType<WorkItemDeclared>().GroupBy(e => e.Item.ItemId)
            .ToDictionary(g => g.Key, g => $"{g.Last().Item.Start:yyyy-MM-dd} – {g.Last().Item.End:yyyy-MM-dd}", StringComparer.Ordinal);

    /// <summary>The lines of a file, counted without reading them into memory (for the reading progress).</summary>
    private static int CountLines(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[1 << 16];
            var lines = 0;
            for (int read; (read = stream.Read(buffer)) > 0;) lines += buffer.AsSpan(0, read).Count((byte)'\n');
            return lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // the reader says what is wrong with the file
        }
    }
}
