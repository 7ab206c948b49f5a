using System.Globalization;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Simulation.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Orchestration.Simulation.Replay;

/// <summary>Reads what <c>simulate replay</c> is told to change, refusing anything malformed with where and why.</summary>
public static class ReplayFiles
{
    /// <summary>A strategy file: <c>priorities: [learning, customer-commitments]</c>, optional <c>constraints</c> and <c>rationale</c>.</summary>
    public static ScenarioStrategy Strategy(string path)
    {
        var yaml = YamlLimits.Load(YamlLimits.ReadFile(path, path), path);

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioException(path, 1, "a strategy is a mapping: priorities, constraints, rationale");
        List<string> List(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node switch
            {
                YamlSequenceNode items => [.. items.Children.Select(i => i is YamlScalarNode { Value: { } value } ? value
                    : throw new ScenarioException(path, (int)i.Start.Line, $"'{key}' is a list of plain values"))],
                YamlScalarNode one when !string.IsNullOrWhiteSpace(one.Value) => [one.Value!],
                _ => [],
            }
            : [];
        var priorities = List("priorities");
        if (priorities.Count == 0) throw new ScenarioException(path, 1, "'priorities' is required: the strategy's priorities, highest first");
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Where(k => k is not ("priorities" or "constraints" or "rationale")))
            throw new ScenarioException(path, 1, $"'{key}' is not a strategy field (priorities, constraints, rationale)");
        var rationale = root.Children.TryGetValue(new YamlScalarNode("rationale"), out var r)
            ? r is YamlScalarNode text ? text.Value : throw new ScenarioException(path, (int)r.Start.Line, "'rationale' is a plain value")
            : null;
        return new ScenarioStrategy(priorities, List("constraints"), rationale ?? "what-if");
    }

    /// <summary><c>AgentBlocker=02:00:00</c> (or <c>2h</c>, <c>30m</c>, <c>2d</c>) per escalation class.</summary>
    public static IReadOnlyDictionary<EscalationClass, TimeSpan> Slas(IEnumerable<string> values)
    {
        var slas = new Dictionary<EscalationClass, TimeSpan>();
        foreach (var value in values)
        {
            var parts = value.Split('=', 2);
            if (parts.Length != 2 || !Enum.TryParse<EscalationClass>(parts[0], ignoreCase: true, out var escalationClass) || !Enum.IsDefined(escalationClass))
                throw new ScenarioException("--sla", 0, $"'{value}' is not Class=duration; classes: {string.Join(", ", Enum.GetNames<EscalationClass>())}");
            slas[escalationClass] = Duration(parts[1]) is { } d && d > TimeSpan.Zero
                ? d : throw new ScenarioException("--sla", 0, $"'{parts[1]}' is not a positive duration (02:00:00, 2h, 30m, 2d)");
        }

        return slas;
    }

    public static DateOnly Day(string value, string option) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new ScenarioException(option, 0, $"'{value}' is not a day (2026-12-31)");

    private static TimeSpan? Duration(string text)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)) return span;
        if (text.Length < 2 || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return null;
        return text[^1] switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => null };
    }
}
