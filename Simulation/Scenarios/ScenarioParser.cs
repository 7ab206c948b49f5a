using System.Globalization;
using System.Text.RegularExpressions;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Work;
using YamlDotNet.RepresentationModel;

namespace Orchestration.Simulation.Scenarios;

/// <summary>
/// Reads a scenario file (docs/SCENARIOS.md). Every problem is reported as a <see cref="ScenarioException"/> naming
/// the line and what is wrong: an unknown key, a missing field, a time that is not a time, a reference to nothing.
/// Deep checks (cycles, dates, owners) are the grains' own, and surface when the scenario runs.
/// </summary>
/// <param name="moreKinds">Agent kinds the run's silo hosts beyond the built-in ones (a developer's own, registered
/// with <c>AddAgentKind</c>: see <c>ScenarioTesting</c>).</param>
public sealed partial class ScenarioParser(string file, IEnumerable<string>? moreKinds = null)
{
    public static readonly IReadOnlyList<string> Actions =
        ["extend", "move", "depend", "status", "blocker", "risk", "resolve", "self-resolved", "strategy", "approve", "override", "complete", "acknowledge", "request", "key-result", "sample", "close-quarter",
         "conclude", "ship", "answer"];

    public static readonly IReadOnlyList<string> ExpectationKinds =
        ["decision", "conflict", "conflicts", "handoff", "handoffs", "sla-breaches", "intervention", "project-status", "metric", "escalations-open", "message", "messages"];

    /// <summary>The agent kinds a simulated studio runs (its in-process silo hosts these).</summary>
    public static readonly IReadOnlyList<string> AgentKindsSimulated = [AgentKinds.ExperimentTracker, AgentKinds.ProjectShipper];

    public static Scenario Load(string path, IEnumerable<string>? moreKinds = null) =>
        new ScenarioParser(Path.GetFileName(path), moreKinds).Parse(YamlLimits.ReadFile(path, Path.GetFileName(path)));

    public Scenario Parse(string yaml)
    {
        // YAML indents with spaces only; its parser reports a tab at the start of the document, so find it here.
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].TakeWhile(char.IsWhiteSpace).Contains('\t'))
                throw new ScenarioException(file, i + 1, "not valid YAML: a tab in the indentation (YAML indents with spaces)");

        var stream = YamlLimits.Load(yaml, file);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioException(file, 1, "a scenario is a mapping with name, start, agents, work, timeline and expect");
        Keys(root, ["name", "description", "start", "duration", "seed", "strategy", "agents", "projects", "work", "objectives", "initiatives", "subscriptions", "timeline", "expect"]);

        var start = Date(Required(root, "start"));
        _lines.Clear();
        var agents = Sequence(root, "agents").Select(Agent).ToList();
        Unique(agents.Select(a => (a.Id, Line(root, "agents"))), "agent");
        var agentIds = agents.Select(a => a.Id).ToHashSet();
        var workNodes = Sequence(root, "work").ToList();
        var work = workNodes.Select(n => WorkItem(n, agentIds, start)).ToList();
        Unique(work.Select((w, i) => (w.ItemId, (int)workNodes[i].Start.Line)), "work item");
        var workIds = work.Select(w => w.ItemId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < work.Count; i++)
            foreach (var need in work[i].DependsOn.Where(d => !workIds.Contains(d.ItemId)))
                throw new ScenarioException(file, (int)workNodes[i].Start.Line, $"{work[i].ItemId} needs '{need.ItemId}', which is not in work:");
        work = InDependencyOrder(work, workNodes);
        var projects = Sequence(root, "projects").Select(n => Project(n, agentIds, start)).ToList();
        var timeline = Sequence(root, "timeline").Select(Step).OrderBy(s => s.At).ToList();
        foreach (var step in timeline) CheckStep(step, workIds, agentIds);
        var last = timeline.Count == 0 ? TimeSpan.Zero : timeline[^1].At;
        var duration = Optional(root, "duration") is { } d ? Offset(d) : last + TimeSpan.FromDays(7);
        if (duration < last)
            throw new ScenarioException(file, Line(root, "duration"), $"duration {duration.TotalDays} days ends before the last timeline step (day {last.TotalDays})");

        return new Scenario(
            Text(Required(root, "name")),
            Optional(root, "description") is { } description ? Text(description) : "",
            start,
            duration,
            Optional(root, "seed") is { } seed ? Int(seed) : 1,
            Optional(root, "strategy") is YamlMappingNode strategy ? Strategy(strategy) : null,
            agents,
            projects,
            work,
            [.. Sequence(root, "objectives").Select(Objective)],
            [.. Sequence(root, "initiatives").Select(n => Initiative(n, start))],
            timeline,
            [.. Sequence(root, "expect").Select(ExpectationOf)],
            Subscriptions: [.. Sequence(root, "subscriptions").Select(Subscription)])
        {
            Source = new ScenarioSource(file, new Dictionary<string, int>(_lines, StringComparer.Ordinal)),
        };
    }

    /// <summary>Where each declaration is ("agent:tracker" → its line), so a refusal by the studio names its line.</summary>
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private ScenarioAgent Agent(YamlNode node)
    {
        var map = Map(node, "an agent");
        Keys(map, ["id", "kind", "name", "capacity", "hosting"]);
        var hostingNode = Optional(map, "hosting");
        var hosting = hostingNode is null ? "hosted" : Text(hostingNode);
        if (hosting is not ("hosted" or "external")) throw Problem(hostingNode!, $"hosting is '{hosting}'; it is hosted or external");
        var id = Id(Required(map, "id"));
        _lines[$"agent:{id}"] = (int)node.Start.Line;
        var kindNode = Required(map, "kind");
        var kinds = AgentKindsSimulated.Concat(moreKinds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (!kinds.Contains(Text(kindNode)))
            throw Problem(kindNode, $"kind is '{Text(kindNode)}'; the simulator runs {string.Join(", ", kinds)} (register your own with ScenarioTesting's agentKinds)");
        return new ScenarioAgent(id, Text(kindNode), Optional(map, "name") is { } n ? Label(n) : id,
            Optional(map, "capacity") is { } c ? Int(c, 1, Limits.MaxCapacity) : 4, hosting == "hosted" ? AgentHosting.Hosted : AgentHosting.External);
    }

    private WorkItem WorkItem(YamlNode node, HashSet<string> agents, DateOnly start)
    {
        var map = Map(node, "a work item");
        Keys(map, ["id", "kind", "owner", "project", "title", "start", "end", "needs", "revenue", "sample", "commitments", "category"]);
        var kindNode = Required(map, "kind");
        var kind = Text(kindNode) switch
        {
            "experiment" => WorkItemKind.Experiment,
            "release" => WorkItemKind.Release,
            var other => throw Problem(kindNode, $"kind is '{other}'; it is experiment or release"),
        };
        var owner = Required(map, "owner");
        if (!agents.Contains(Text(owner))) throw Problem(owner, $"owner '{Text(owner)}' is not one of the scenario's agents");
        var categoryNode = Optional(map, "category");
        var category = categoryNode is null ? WorkCategory.Feature : Text(categoryNode) switch
        {
            "feature" => WorkCategory.Feature,
            "debt" or "technical-debt" => WorkCategory.TechnicalDebt,
            var other => throw Problem(categoryNode, $"category is '{other}'; it is feature or debt"),
        };
        var id = Id(Required(map, "id"));
        _lines[$"work:{id}"] = (int)node.Start.Line;
        var (from, to) = (Day(start, Required(map, "start")), Day(start, Required(map, "end")));
        if (to < from) throw Problem(Required(map, "end"), $"end ({Text(Required(map, "end"))}) is before start ({Text(Required(map, "start"))})");
        return new WorkItem(
            id, kind, Text(owner), Id(Required(map, "project")), Optional(map, "title") is { } t ? Label(t) : id,
            from, to,
            [.. Sequence(map, "needs").Select(n =>
            {
                var need = Map(n, "a dependency");
                Keys(need, ["item", "lead"]);
                return new Dependency(Id(Required(need, "item")), Optional(need, "lead") is { } lead ? Int(lead, 0, Grains.Work.WorkItemRules.MaxLeadDays) : 0);
            })],
            Optional(map, "revenue") is { } revenue ? (decimal)Number(revenue, 0, 1e15) : 0m,
            Optional(map, "sample") is { } sample ? Int(sample, 0, int.MaxValue) : 0,
            [.. Sequence(map, "commitments").Select(n =>
            {
                var commitment = Map(n, "a customer commitment");
                Keys(commitment, ["customer", "accounts", "contractual"]);
                return new CustomerCommitment(Label(Required(commitment, "customer")), Int(Required(commitment, "accounts"), 1, 1_000_000),
                    Optional(commitment, "contractual") is { } contractual && Bool(contractual));
            })],
            category);
    }

    private ProjectDeclaration Project(YamlNode node, HashSet<string> agents, DateOnly start)
    {
        var map = Map(node, "a project");
        Keys(map, ["id", "name", "owners", "milestones"]);
        var owners = Strings(Required(map, "owners"));
        foreach (var owner in owners.Where(o => !agents.Contains(o)))
            throw Problem(Required(map, "owners"), $"owner '{owner}' is not one of the scenario's agents");
        var id = Id(Required(map, "id"));
        _lines[$"project:{id}"] = (int)node.Start.Line;
        return new ProjectDeclaration(id, Optional(map, "name") is { } n ? Label(n) : id, owners,
            [.. Sequence(map, "milestones").Select(m =>
            {
                var milestone = Map(m, "a milestone");
                Keys(milestone, ["name", "due"]);
                return new Milestone(Label(Required(milestone, "name")), Day(start, Required(milestone, "due")));
            })]);
    }

    /// <summary>A subscription of the seed's communication matrix; what it leaves out comes from its group's row.</summary>
    private Grains.Interfaces.Notifications.Subscription Subscription(YamlNode node)
    {
        var map = Map(node, "a subscription");
        Keys(map, ["id", "group", "channel", "to", "briefing", "every-days", "alerts", "secret"]);
        var id = Id(Required(map, "id"));
        _lines[$"subscription:{id}"] = (int)node.Start.Line;
        var group = Id(Required(map, "group"));
        T Word<T>(YamlNode word) where T : struct, Enum =>
            Enum.TryParse<T>(Text(word).Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
                ? value
                : throw Problem(word, $"'{Printable(Text(word))}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => Grains.Interfaces.Common.ToolArguments.Name(v)))}");
        var toNode = Required(map, "to");
        IReadOnlyList<string> to = toNode is YamlSequenceNode list ? [.. list.Select(Text)] : [Text(toNode)];
        return Grains.Interfaces.Notifications.StakeholderMatrix.Subscription(id, group, to,
            Optional(map, "channel") is { } channel ? Word<Grains.Interfaces.Notifications.NotificationChannel>(channel) : null,
            Optional(map, "briefing") is { } briefing ? Text(briefing) : null,
            Optional(map, "every-days") is { } every ? Int(every) : null,
            Optional(map, "alerts") is not null ? [.. Sequence(map, "alerts").Select(Word<Grains.Interfaces.Notifications.AlertKind>)] : null,
            Optional(map, "secret") is { } secret ? Text(secret) : null);
    }

    private Objective Objective(YamlNode node)
    {
        var map = Map(node, "an objective");
        Keys(map, ["id", "quarter", "title", "key-results"]);
        var id = Id(Required(map, "id"));
        _lines[$"objective:{id}"] = (int)node.Start.Line;
        return new Objective(id, Text(Required(map, "quarter")), Label(Required(map, "title")),
            [.. Sequence(map, "key-results").Select(k =>
            {
                var kr = Map(k, "a key result");
                Keys(kr, ["id", "description", "baseline", "target", "current", "unit"]);
                var baseline = Number(Required(kr, "baseline"));
                return new KeyResult(Text(Required(kr, "id")), Text(Required(kr, "description")), baseline, Number(Required(kr, "target")),
                    Optional(kr, "current") is { } c ? Number(c) : baseline, Optional(kr, "unit") is { } u ? Text(u) : "");
            })]);
    }

    private Initiative Initiative(YamlNode node, DateOnly start)
    {
        var map = Map(node, "an initiative");
        Keys(map, ["id", "goal", "start", "end", "objective", "items"]);
        var id = Id(Required(map, "id"));
        _lines[$"initiative:{id}"] = (int)node.Start.Line;
        return new Initiative(id, Text(Required(map, "goal")), Day(start, Required(map, "start")), Day(start, Required(map, "end")),
            Optional(map, "objective") is { } objective ? Text(objective) : null, Optional(map, "items") is { } items ? Strings(items) : []);
    }

    private ScenarioStrategy Strategy(YamlMappingNode map)
    {
        Keys(map, ["priorities", "constraints", "rationale"]);
        _lines["strategy"] = (int)map.Start.Line;
        return new ScenarioStrategy(Strings(Required(map, "priorities")), Optional(map, "constraints") is { } c ? Strings(c) : [],
            Optional(map, "rationale") is { } r ? Text(r) : "the scenario's starting strategy");
    }

    private TimelineStep Step(YamlNode node)
    {
        var map = Map(node, "a timeline step");
        var at = Offset(Required(map, "at"));
        var actions = map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(k => k != "at").ToList();
        if (actions.Count != 1)
            throw Problem(node, actions.Count == 0 ? $"a timeline step needs one action: {string.Join(", ", Actions)}" : $"a timeline step has one action, not {string.Join(" and ", actions)}");
        var action = actions[0];
        if (!Actions.Contains(action))
            throw Problem(map.Children.Keys.First(k => ((YamlScalarNode)k).Value == action), $"unknown action '{action}'; actions: {string.Join(", ", Actions)}");
        return new TimelineStep(at, action, Args(map.Children[new YamlScalarNode(action)]), (int)node.Start.Line);
    }

    private Expectation ExpectationOf(YamlNode node)
    {
        var map = Map(node, "an expectation");
        if (map.Children.Count != 1) throw Problem(node, $"an expectation has one kind: {string.Join(", ", ExpectationKinds)}");
        var (key, value) = map.Children.First();
        var kind = Text(key);
        if (!ExpectationKinds.Contains(kind)) throw Problem(key, $"unknown expectation '{kind}'; expectations: {string.Join(", ", ExpectationKinds)}");
        var args = Args(value);
        foreach (var argument in args.Keys.Where(k => k != "@line" && !ExpectationArguments[kind].Contains(k)))
            throw Problem(value, $"{kind} has no argument '{Printable(argument)}'; it takes {string.Join(", ", ExpectationArguments[kind])}");
        return new Expectation(kind, args, (int)node.Start.Line);
    }

    /// <summary>An action's or expectation's arguments: scalars as strings, "day N" times as offsets, lists as lists.</summary>
    private Dictionary<string, object> Args(YamlNode node)
    {
        if (node is YamlScalarNode scalar && string.IsNullOrEmpty(scalar.Value)) return [];
        var map = Map(node, "arguments");
        var args = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
            args[Text(key)] = value switch
            {
                YamlSequenceNode list => list.Children.Select(c => (object)Text(c)).ToList(),
                YamlScalarNode => Text(value),
                _ => throw Problem(value, $"'{Text(key)}' must be a value or a list"),
            };
        args["@line"] = (int)node.Start.Line;
        return args;
    }

    /// <summary>"day 3", "week 6", "day 3 14:30", or a number of days: an offset from the scenario's start (09:00 UTC).</summary>
    public TimeSpan Offset(YamlNode node)
    {
        var text = Text(node).Trim();
        var match = TimePattern().Match(text);
        if (!match.Success)
            throw Problem(node, $"'{text}' is not a time: write day N, week N or day N HH:mm");
        if (!int.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) || n > 36_500)
            throw Problem(node, $"'{text}' is too far: a scenario spans at most 100 years");
        var days = n * (match.Groups["unit"].Value == "week" ? 7 : 1);
        var time = TimeSpan.Zero;
        if (match.Groups["time"].Success)
        {
            if (!TimeSpan.TryParseExact(match.Groups["time"].Value, @"hh\:mm", CultureInfo.InvariantCulture, out var clock) || clock >= TimeSpan.FromDays(1))
                throw Problem(node, $"'{match.Groups["time"].Value}' in '{text}' is not a time of day: write HH:mm from 00:00 to 23:59");
            time = clock - TimeSpan.FromHours(9);
        }
        return TimeSpan.FromDays(days) + time;
    }

    [GeneratedRegex(@"^(?:(?<unit>day|week)s?\s+)?(?<n>\d+)(?:\s+(?<time>\d{2}:\d{2}))?$")]
    private static partial Regex TimePattern();

    private DateOnly Date(YamlNode node) =>
        !DateOnly.TryParseExact(Text(node), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? throw Problem(node, $"'{Printable(Text(node))}' is not a date like 2026-10-05")
            : date < Limits.EarliestDate || date > Limits.LatestDate
                ? throw Problem(node, $"{Text(node)} is outside the dates the studio takes, {Limits.EarliestDate:yyyy-MM-dd} to {Limits.LatestDate:yyyy-MM-dd}")
                : date;

    /// <summary>An id as the studio takes it (letters, digits and . _ : -, starting with a letter or digit).</summary>
    private string Id(YamlNode node) =>
        Grains.Common.Require.IsId(Text(node)) ? Text(node)
        : throw Problem(node, $"'{Printable(Text(node))}' is not an id: 1 to {Limits.MaxIdLength} letters, digits and . _ : -, starting with a letter or digit");

    private string Label(YamlNode node) =>
        Text(node) is var label && label.Length <= Limits.MaxLabelLength && !label.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            ? label : throw Problem(node, $"'{Printable(label)}' is not a label: at most {Limits.MaxLabelLength} characters, without control or direction characters");

    /// <summary>A text as it can be printed in an error: control and direction characters shown as their code points.</summary>
    private static string Printable(string text)
    {
        var shown = string.Concat(text.Take(80).Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length > 80 ? shown + "…" : shown;
    }

    /// <summary>A day of the scenario ("day 3") as a date, within the dates the studio takes.</summary>
    private DateOnly Day(DateOnly start, YamlNode node)
    {
        var day = start.AddDays((int)Offset(node).TotalDays);
        return day <= Limits.LatestDate ? day : throw Problem(node, $"'{Text(node)}' is {day:yyyy-MM-dd}; dates run to {Limits.LatestDate:yyyy-MM-dd}");
    }

    private int Int(YamlNode node, int min, int max) =>
        Int(node) is var value && value >= min && value <= max ? value : throw Problem(node, $"{Text(node)} is out of range: it is {min} to {max}");

    private double Number(YamlNode node, double min, double max) =>
        Number(node) is var value && value >= min && value <= max ? value : throw Problem(node, $"{Text(node)} is out of range: it is at least {min}");

    private int Int(YamlNode node) =>
        int.TryParse(Text(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Problem(node, $"'{Text(node)}' is not a whole number");

    private double Number(YamlNode node) =>
        double.TryParse(Text(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Problem(node, $"'{Text(node)}' is not a number");

    private bool Bool(YamlNode node) => Text(node) switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        var other => throw Problem(node, $"'{other}' is not true or false"),
    };

    private string Text(YamlNode node) => node is YamlScalarNode { Value: { } value } ? value : throw Problem(node, "expected a value here");

    private List<string> Strings(YamlNode node) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Select(Text)],
        YamlScalarNode => [Text(node)],
        _ => throw Problem(node, "expected a list of values"),
    };

    private YamlMappingNode Map(YamlNode node, string what) => node as YamlMappingNode ?? throw Problem(node, $"expected {what} (a mapping of key: value)");

    private IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) => Optional(map, key) switch
    {
        null => [],
        YamlSequenceNode list => list.Children,
        var other => throw Problem(other, $"'{key}' must be a list"),
    };

    private static YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private YamlNode Required(YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Problem(map, $"'{key}' is missing");

    private void Keys(YamlMappingNode map, IReadOnlyList<string> allowed)
    {
        foreach (var key in map.Children.Keys)
            if (!allowed.Contains(Text(key)))
                throw Problem(key, $"unknown key '{Text(key)}'; allowed here: {string.Join(", ", allowed)}");
    }

    /// <summary>Work in an order the studio can declare it (prerequisites first); a dependency cycle is a problem of
    /// the file, named on the line of an item in it.</summary>
    private List<WorkItem> InDependencyOrder(List<WorkItem> work, List<YamlNode> nodes)
    {
        var byId = work.ToDictionary(w => w.ItemId, StringComparer.Ordinal);
        var ordered = new List<WorkItem>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        void Visit(WorkItem item)
        {
            if (state.TryGetValue(item.ItemId, out var done))
            {
                if (!done) throw new ScenarioException(file, (int)nodes[work.IndexOf(item)].Start.Line, $"work item '{item.ItemId}' is in a dependency cycle");
                return;
            }

            state[item.ItemId] = false;
            foreach (var need in item.DependsOn) Visit(byId[need.ItemId]);
            state[item.ItemId] = true;
            ordered.Add(item);
        }

        foreach (var item in work) Visit(item);
        return ordered;
    }

    /// <summary>What each action needs: its required arguments, which of them are numbers, which name work items or
    /// agents of the scenario, and which take one of a few words.</summary>
    private static readonly Dictionary<string, (string[] Required, string[] Numbers, string[] Items, string[] Agents)> ActionSchema = new()
    {
        ["extend"] = (["item", "days"], ["days"], ["item"], []),
        ["move"] = (["item", "days"], ["days"], ["item"], []),
        ["depend"] = (["item", "on"], ["lead"], ["item", "on"], []),
        ["status"] = (["project", "status"], [], [], ["agent"]),
        ["blocker"] = (["id", "agent", "project"], [], [], ["agent"]),
        ["risk"] = (["id", "agent", "project"], ["likelihood"], [], ["agent"]),
        ["resolve"] = (["report"], [], [], []),
        ["self-resolved"] = (["id", "agent", "project"], [], [], ["agent"]),
        ["strategy"] = (["priorities"], [], [], []),
        ["approve"] = (["option"], [], ["impacted"], []),
        ["override"] = (["option"], [], ["impacted"], []),
        ["complete"] = (["item"], [], ["item"], []),
        ["acknowledge"] = (["source"], [], [], []),
        ["request"] = (["id"], [], [], []),
        ["key-result"] = (["objective", "key-result", "value"], ["value"], [], []),
        ["sample"] = (["metric", "value"], ["value"], [], []),
        ["close-quarter"] = ([], [], [], []),
        ["conclude"] = (["item", "to"], ["priority"], ["item"], ["to"]),
        ["ship"] = (["item", "to"], [], ["item"], ["to"]),
        ["answer"] = (["handoff"], [], [], []),
    };

    /// <summary>Every argument each action takes (beyond the required ones): a key not here is a typo, refused.</summary>
    private static readonly Dictionary<string, string[]> ActionArguments = new()
    {
        ["extend"] = ["item", "days", "reason"],
        ["move"] = ["item", "days", "reason"],
        ["depend"] = ["item", "on", "lead", "drop", "reason"],
        ["status"] = ["project", "status", "reason", "agent"],
        ["blocker"] = ["id", "agent", "project", "summary", "category", "severity", "blocks", "impact", "owner"],
        ["risk"] = ["id", "agent", "project", "summary", "severity", "likelihood", "mitigation", "impact", "owner"],
        ["resolve"] = ["report", "by", "resolution"],
        ["self-resolved"] = ["id", "agent", "project", "category", "summary", "resolution"],
        ["strategy"] = ["priorities", "constraints", "rationale"],
        ["approve"] = ["conflict", "impacted", "option", "by", "why"],
        ["override"] = ["conflict", "impacted", "option", "by", "why"],
        ["complete"] = ["item"],
        ["acknowledge"] = ["source", "by", "assignee"],
        ["request"] = ["id", "stakeholder", "summary", "project"],
        ["key-result"] = ["objective", "key-result", "value"],
        ["sample"] = ["metric", "value", "source"],
        ["close-quarter"] = ["quarter", "went-well", "to-change"],
        ["conclude"] = ["item", "to", "winner", "spec", "priority"],
        ["ship"] = ["item", "to", "feedback"],
        ["answer"] = ["handoff", "accept", "reason"],
    };

    private static readonly string[] Bounds = ["count", "at-least", "at-most", "none"];

    /// <summary>Every argument each expectation takes.</summary>
    private static readonly Dictionary<string, string[]> ExpectationArguments = new()
    {
        ["decision"] = ["impacted", "option", "keeps-date", "decided-by", "by"],
        ["conflict"] = ["impacted", "status"],
        ["conflicts"] = Bounds,
        ["sla-breaches"] = Bounds,
        ["escalations-open"] = Bounds,
        ["handoff"] = ["item", "to", "status"],
        ["handoffs"] = [.. Bounds, "status"],
        ["intervention"] = ["project", "kind", "by", "recovered"],
        ["project-status"] = ["project", "status"],
        ["metric"] = ["key", "equals", "at-least", "at-most"],
        ["message"] = ["subscription", "subject", "by", "after"],
        ["messages"] = [.. Bounds, "subscription"],
    };

    /// <summary>Arguments of any action that name something by its id.</summary>
    private static readonly string[] IdArguments = ["id", "item", "on", "project", "agent", "report", "conflict", "impacted", "objective", "key-result", "handoff", "to"];

    private static readonly Dictionary<string, string[]> Words = new()
    {
        ["severity"] = ["low", "medium", "high", "critical"],
        ["status"] = ["green", "yellow", "red"],
        ["accept"] = ["true", "false"],
    };

    private void CheckStep(TimelineStep step, HashSet<string> workIds, HashSet<string> agentIds)
    {
        var (required, numbers, items, agents) = ActionSchema[step.Action];
        string? Value(string key) => step.Args.GetValueOrDefault(key) as string;
        foreach (var key in step.Args.Keys.Where(k => k != "@line" && !ActionArguments[step.Action].Contains(k)))
            throw new ScenarioException(file, step.Line, $"{step.Action} has no argument '{Printable(key)}'; it takes {string.Join(", ", ActionArguments[step.Action])}");
        foreach (var key in required.Where(k => !step.Args.ContainsKey(k)))
            throw new ScenarioException(file, step.Line, $"{step.Action} needs '{key}'");
        foreach (var key in numbers.Where(k => Value(k) is { } v && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw new ScenarioException(file, step.Line, $"{step.Action} {key} is '{Value(key)}'; it must be a number");
        foreach (var key in IdArguments.Where(k => Value(k) is { } v && !Grains.Common.Require.IsId(v)))
            throw new ScenarioException(file, step.Line, $"{step.Action} {key} '{Printable(Value(key)!)}' is not an id: letters, digits and . _ : -, starting with a letter or digit");
        foreach (var key in items.Where(k => Value(k) is { } v && !workIds.Contains(v)))
            throw new ScenarioException(file, step.Line, $"{step.Action} {key} '{Value(key)}' is not in work:");
        foreach (var key in agents.Where(k => Value(k) is { } v && !agentIds.Contains(v)))
            throw new ScenarioException(file, step.Line, $"{step.Action} {key} '{Value(key)}' is not one of the scenario's agents");
        foreach (var (key, words) in Words)
            if (Value(key) is { } v && !words.Contains(v.ToLowerInvariant()))
                throw new ScenarioException(file, step.Line, $"{step.Action} {key} is '{v}'; it is one of {string.Join(", ", words)}");
    }

    private void Unique(IEnumerable<(string Id, int Line)> ids, string what)
    {
        var seen = new HashSet<string>();
        foreach (var (id, line) in ids)
            if (!seen.Add(id)) throw new ScenarioException(file, line, $"{what} '{id}' is declared twice");
    }

    private int Line(YamlMappingNode map, string key) => (int)(Optional(map, key)?.Start.Line ?? map.Start.Line);

    private ScenarioException Problem(YamlNode node, string problem) => new(file, (int)node.Start.Line, problem);
}
