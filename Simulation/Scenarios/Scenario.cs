using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Simulation.Scenarios;

/// <summary>A scenario as docs/SCENARIOS.md describes it: a studio, a timeline of events, and expectations.</summary>
public sealed record Scenario(
    string Name,
    string Description,
    DateOnly Start,
    TimeSpan Duration,
    int Seed,
    ScenarioStrategy? Strategy,
    IReadOnlyList<ScenarioAgent> Agents,
    IReadOnlyList<ProjectDeclaration> Projects,
    IReadOnlyList<WorkItem> Work,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<Initiative> Initiatives,
    IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<Expectation> Expectations,
    TimeOnly? StartTime = null,
    IReadOnlyList<Grains.Interfaces.Notifications.Subscription>? Subscriptions = null)
{
    /// <summary>The file and lines it was read from (none for a scenario built in code).</summary>
    public ScenarioSource? Source { get; init; }

    /// <summary>When a scenario starts on its first day: 09:00 UTC, unless it says otherwise (a replay starts at
    /// midnight, so steps recorded before 09:00 keep their times).</summary>
    public static readonly TimeOnly DefaultStartTime = new(9, 0);

    public DateTimeOffset StartInstant => new(Start.ToDateTime(StartTime ?? DefaultStartTime), TimeSpan.Zero);

    /// <summary>A timeline entry at <paramref name="at"/> from the start, shown as the scenario's day and time of day.</summary>
    public Running.TimelineEntry Entry(TimeSpan at, string type, string summary) => new(at, type, summary, (StartTime ?? DefaultStartTime).ToTimeSpan());
}

/// <summary>Where a scenario came from: its file, and the line of each declaration ("agent:tracker", "work:exp-1",
/// "project:p", "objective:o", "initiative:i", "strategy"), so a declaration the studio refuses is named by its line.</summary>
public sealed record ScenarioSource(string File, IReadOnlyDictionary<string, int> Lines)
{
    public ScenarioException Refused(string declaration, string problem) =>
        new(File, Lines.TryGetValue(declaration, out var line) ? line : 1, problem);
}

public sealed record ScenarioStrategy(IReadOnlyList<string> Priorities, IReadOnlyList<string> Constraints, string Rationale);

public sealed record ScenarioAgent(string Id, string Kind, string Name, int Capacity, AgentHosting Hosting);

/// <summary>One thing that happens at <see cref="At"/> (an offset from the start): <see cref="Action"/> with its arguments.</summary>
public sealed record TimelineStep(TimeSpan At, string Action, IReadOnlyDictionary<string, object> Args, int Line);

/// <summary>What must be true: <see cref="Kind"/> with its arguments, checked during or after the run.</summary>
public sealed record Expectation(string Kind, IReadOnlyDictionary<string, object> Args, int Line)
{
    public string Describe() => $"{Kind} {string.Join(", ", Args.Where(a => a.Key != "@line").Select(a => $"{a.Key}: {Format(a.Value)}"))}".Trim();

    private static string Format(object value) => value is List<object> list ? $"[{string.Join(", ", list)}]" : value.ToString() ?? "";
}

/// <summary>A scenario file is wrong: which line, and what is wrong with it.</summary>
public sealed class ScenarioException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
