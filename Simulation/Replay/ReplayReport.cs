using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestration.Grains.Interfaces.Briefings;

namespace Orchestration.Simulation.Replay;

/// <summary>The what-if as a document: whether the record was reproduced, the decisions that changed and their
/// knock-on effects, in timeline order. Recorded text is rendered inert, as every report is.</summary>
public static class ReplayReport
{
    public static string ToMarkdown(ReplayResult r)
    {
        var start = r.Baseline.Start;
        string When(TimeSpan at) => $"day {((start + at).Date - start.Date).Days} {start + at:HH:mm}";
        static string Cell(string? text) => MarkdownRenderer.Inert(text ?? "—").Replace("|", "\\|", StringComparison.Ordinal);
        static string Outcome(DecisionOutcome? o) => o is null ? "no conflict" : o.ChosenOptionId is null ? o.Status : $"{o.ChosenOptionId} ({o.DecidedBy})";

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# What if: studio {Cell(r.Header.StudioId)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Journal: {r.RecordedEvents} recorded events from {r.Baseline.Start:yyyy-MM-dd} to {r.Baseline.End:yyyy-MM-dd} (schema version {r.Header.Version}). Changed: {Cell(r.Changes.Describe())}.");
        md.AppendLine();
        md.AppendLine("## The record, replayed unchanged");
        md.AppendLine();
        var mismatches = r.Fidelity.Where(d => d.Differs).ToList();
        var counts = r.Facts.Where(f => f.Differs).ToList();
        md.AppendLine(mismatches.Count == 0 && counts.Count == 0
            ? $"Reproduced: every one of the {r.Fidelity.Count} recorded conflicts came out as recorded, and so did the counts ({string.Join(", ", r.Facts.Where(f => f.Recorded > 0).Select(f => $"{f.What} {f.Recorded}"))})."
            : $"Not reproduced: {mismatches.Count} of {r.Fidelity.Count} recorded conflicts and {counts.Count} counts came out otherwise (the figures below compare two replays, so they stand; these say where the replay cannot follow the record):");
        foreach (var m in mismatches)
            md.AppendLine(CultureInfo.InvariantCulture, $"- {When(m.At)} {Cell(m.Key)}: recorded {Cell(Outcome(m.Before))}, replayed {Cell(Outcome(m.After))}");
        foreach (var f in counts)
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Cell(f.What)}: recorded {f.Recorded}, replayed {f.Replayed}");
        foreach (var refused in r.Refusals(r.Baseline))
            md.AppendLine(CultureInfo.InvariantCulture, $"- {refused.When}: could not replay {Cell(refused.Summary)}");

        if (r.Variant is { } variant)
        {
            md.AppendLine();
            md.AppendLine("## Decisions that changed");
            md.AppendLine();
            var changed = r.Decisions.Where(d => d.Differs).ToList();
            if (changed.Count == 0) md.AppendLine("None: every conflict was decided as before.");
            else
            {
                md.AppendLine("| when | conflict | before | after | cost before → after | commitments broken before → after | why, after |");
                md.AppendLine("|---|---|---|---|---|---|---|");
                foreach (var d in changed)
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| {When(d.At)} | {Cell(d.Key)} | {Cell(Outcome(d.Before))} | {Cell(Outcome(d.After))} | {d.Before?.Cost?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—"} → {d.After?.Cost?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—"} | {d.Before?.CommitmentsBroken?.ToString(CultureInfo.InvariantCulture) ?? "—"} → {d.After?.CommitmentsBroken?.ToString(CultureInfo.InvariantCulture) ?? "—"} | {Cell(d.After?.Rationale)} |");
            }

            foreach (var refused in r.Refusals(variant))
                md.AppendLine(CultureInfo.InvariantCulture, $"- {refused.When}: a recorded step no longer applies: {Cell(refused.Summary)}");

            md.AppendLine();
            md.AppendLine("## Knock-on effects");
            md.AppendLine();
            if (r.WorkItems.Count > 0)
            {
                md.AppendLine("| work item | dates before | dates after |");
                md.AppendLine("|---|---|---|");
                foreach (var (item, before, after) in r.WorkItems) md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(item)} | {before} | {after} |");
                md.AppendLine();
            }
            else md.AppendLine("Every work item ends on the same dates.\n");

            md.AppendLine(CultureInfo.InvariantCulture, $"SLA breaches: {r.SlaBreaches.Before} before, {r.SlaBreaches.After} after.");
            md.AppendLine();
            md.AppendLine("| metric | target | before | after |");
            md.AppendLine("|---|---|---|---|");
            foreach (var (before, after) in r.Metrics.Where(m => m.Before.Value != m.After.Value || m.Before.Standing != m.After.Standing))
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(before.Name)} | {Cell(before.Target)} | {Value(before)} | {Value(after)} |");
        }

        if (r.NotReplayed.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Not replayed");
            md.AppendLine();
            foreach (var line in r.NotReplayed) md.AppendLine(CultureInfo.InvariantCulture, $"- {Cell(line)}");
        }

        return md.ToString();
    }

    private static string Value(Grains.Interfaces.Metrics.MetricValue m) =>
        m.Value is null ? "no data" : $"{Display.Metric(m.Value, m.Unit)} ({Display.Standing(m.Standing)})";

    public static string ToJson(ReplayResult r) => JsonSerializer.Serialize(new
    {
        studio = r.Header.StudioId,
        schemaVersion = r.Header.Version,
        recordedEvents = r.RecordedEvents,
        changed = r.Changes.Describe(),
        reproduced = r.Reproduced,
        fidelity = r.Fidelity.Where(d => d.Differs),
        counts = r.Facts.Select(f => new { what = f.What, recorded = f.Recorded, replayed = f.Replayed }),
        decisions = r.Variant is null ? [] : r.Decisions.Where(d => d.Differs).ToList(),
        workItems = r.WorkItems.Select(w => new { item = w.ItemId, before = w.Before, after = w.After }),
        slaBreaches = new { before = r.SlaBreaches.Before, after = r.SlaBreaches.After },
        metrics = r.Metrics.Select(m => new { key = m.Before.Key, target = m.Before.Target, before = m.Before.Value, after = m.After.Value }),
        refused = r.Refusals(r.Variant ?? r.Baseline).Select(t => new { at = t.When, step = t.Summary }),
        notReplayed = r.NotReplayed,
    }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
}
