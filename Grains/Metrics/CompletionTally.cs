using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Okrs;

namespace Orchestration.Grains.Metrics;

/// <summary>
/// Completions counted for the metrics over the studio's whole life, in constant space: per quarter (feature
/// delivery rate, technical-debt ratio) and per day over the last four weeks (velocity trend). Finished work leaves
/// the graph, so these counts, not a list of completions, are what the metrics read.
/// </summary>
[GenerateSerializer, Alias("orch.CompletionTally")]
public sealed class CompletionTally
{
    /// <summary>Two velocity windows of two weeks each.</summary>
    public const int DaysKept = 28;

    [Id(0)] public Dictionary<string, QuarterCompletions> ByQuarter { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<DateOnly, int> ByDay { get; set; } = [];

    public void Add(CompletedWork work)
    {
        var quarter = OkrRules.QuarterOf(work.CompletedAt);
        var counted = ByQuarter.GetValueOrDefault(quarter) ?? new QuarterCompletions(0, 0, 0);
        ByQuarter[quarter] = new QuarterCompletions(
            counted.Total + 1,
            counted.Features + (work.Kind == WorkItemKind.Release && work.Category == WorkCategory.Feature ? 1 : 0),
            counted.TechnicalDebt + (work.Category == WorkCategory.TechnicalDebt ? 1 : 0));

        var day = DateOnly.FromDateTime(work.CompletedAt.UtcDateTime);
        ByDay[day] = ByDay.GetValueOrDefault(day) + 1;
        foreach (var old in ByDay.Keys.Where(d => d.DayNumber <= day.DayNumber - DaysKept).ToList()) ByDay.Remove(old);
    }

    public QuarterCompletions Quarter(string quarter) => ByQuarter.GetValueOrDefault(quarter) ?? new QuarterCompletions(0, 0, 0);
}

/// <summary>One quarter's completions: all, feature releases, and technical-debt work.</summary>
[GenerateSerializer, Immutable, Alias("orch.QuarterCompletions")]
public sealed record QuarterCompletions(int Total, int Features, int TechnicalDebt);
