using Orchestration.Grains.Interfaces.Metrics;

namespace Orchestration.Simulation.Running;

/// <summary>One line of the timeline: when (from the start), what kind of thing, and what happened.</summary>
/// <param name="StartOfDay">The time of day the scenario starts at on day 0 (09:00 unless it says otherwise).</param>
public sealed record TimelineEntry(TimeSpan At, string Type, string Summary, TimeSpan? StartOfDay = null)
{
    /// <summary>"day 1 08:30": the scenario's day and time of day (offsets count from day 0 at its start, 09:00 by default).</summary>
    public string When
    {
        get
        {
            var clock = At + (StartOfDay ?? TimeSpan.FromHours(9));
            return $"day {(int)Math.Floor(clock.TotalDays)} {clock.Hours:00}:{clock.Minutes:00}";
        }
    }
}

/// <summary>An expectation of the scenario and whether it held, with what was actually seen.</summary>
public sealed record ExpectationResult(string Expectation, int Line, bool Passed, string Actual);

/// <summary>
/// What a run produced. Everything here derives from the scenario and the studio clock, never from the wall clock,
/// so the same scenario gives the same report, byte for byte.
/// </summary>
/// <param name="Events">Every event the studio produced in the run, in sequence order (its journal).</param>
/// <param name="Briefings">Every briefing (<see cref="Grains.Interfaces.Briefings.BriefingKind.All"/>) as of the end of the run.</param>
public sealed record SimulationResult(
    string Scenario, int Seed, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<ExpectationResult> Expectations, MetricsReport Metrics,
    IReadOnlyList<Grains.Interfaces.Messages.StudioEvent>? Events = null,
    IReadOnlyList<Grains.Interfaces.Briefings.ReportDocument>? Briefings = null)
{
    public bool Passed => Expectations.All(e => e.Passed);
}

/// <summary>How far a run has got, for a progress display.</summary>
public sealed record SimulationProgress(TimeSpan Simulated, TimeSpan Total, int Events);
