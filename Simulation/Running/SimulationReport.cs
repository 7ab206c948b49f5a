using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestration.Grains.Interfaces.Briefings;

namespace Orchestration.Simulation.Running;

/// <summary>The timeline report, as Markdown or JSON. Both depend only on the result, so a replay is identical.</summary>
public static class SimulationReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static string ToJson(SimulationResult result) => JsonSerializer.Serialize(new
    {
        result.Scenario,
        result.Seed,
        result.Start,
        result.End,
        result.Passed,
        Timeline = result.Timeline.Select(t => new { t.When, t.Type, t.Summary }),
        result.Expectations,
        Metrics = result.Metrics.Metrics.Select(m => new { m.Key, m.Value, m.Unit, Text = Display.Metric(m.Value, m.Unit), m.Target, Standing = m.Standing.ToString(), Trend = m.Trend.ToString() }),
    }, Json);

    public static string ToMarkdown(SimulationResult result)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Simulation: {result.Scenario}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{result.Start:yyyy-MM-dd} to {result.End:yyyy-MM-dd} (studio clock), seed {result.Seed}: **{(result.Passed ? "passed" : "FAILED")}**")
            .AppendLine().AppendLine("## Expectations").AppendLine()
            .AppendLine("| | expectation | line | actual |").AppendLine("|---|---|---|---|");
        foreach (var e in result.Expectations)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {(e.Passed ? "pass" : "FAIL")} | {Cell(e.Expectation)} | {e.Line} | {Cell(e.Actual)} |");
        text.AppendLine().AppendLine("## Timeline").AppendLine().AppendLine("| when | what | |").AppendLine("|---|---|---|");
        foreach (var t in result.Timeline) text.AppendLine(CultureInfo.InvariantCulture, $"| {t.When} | {t.Type} | {Cell(t.Summary)} |");
        text.AppendLine().AppendLine("## Metrics at the end").AppendLine().AppendLine("| metric | value | target | standing |").AppendLine("|---|---|---|---|");
        foreach (var m in result.Metrics.Metrics)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {m.Name} | {Display.Metric(m.Value, m.Unit)} | {m.Target} | {Display.Standing(m.Standing)} |");
        return text.ToString();
    }

    private static string Cell(string value) => MarkdownRenderer.Inert(value.Replace("|", "\\|", StringComparison.Ordinal));
}
