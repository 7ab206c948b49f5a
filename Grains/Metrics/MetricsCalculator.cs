using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Okrs;
using Orchestration.Grains.Portfolio;

namespace Orchestration.Grains.Metrics;

/// <summary>Every metric of the seed, from the Producer's records and the samples reported from outside.</summary>
public static class MetricsCalculator
{
    public static MetricsReport Compute(IMetricsBook state, DateTimeOffset now, PortfolioOptions options)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var quarter = OkrRules.QuarterOf(now);
        var previous = state.MetricHistory.LastOrDefault(h => h.At < now);
        var done = state.Completed;
        var thisQuarter = state.Completions.Quarter(quarter);
        var utilization = Utilization.ByAgent(state).Values.ToList();
        var objectives = state.Objectives.Values.Where(o => o.Quarter == quarter).ToList();
        var initiatives = state.Initiatives.Values.Where(i => i.Start <= today).ToList();

        double? Computed(string key) => key switch
        {
            "okr-achievement" => MetricFormulas.Share(objectives.Count(o => o.Score >= options.ObjectiveMetScore), objectives.Count),
            "strategic-initiative-progress" => MetricFormulas.Share(
                initiatives.Count(i => MetricFormulas.InitiativeOnTrack(i.WorkItemIds.Count(done.ContainsKey), i.WorkItemIds.Count, i.Start, i.End, today)), initiatives.Count),
            "projects-on-track" => MetricFormulas.Share(state.Projects.Values.Count(p => p.Status == ProjectStatus.Green), state.Projects.Count),
            "risk-resolution-time" => state.RiskResolutionDays.Mean,
            "blocker-escalation-rate" => MetricFormulas.Share((int)state.BlockersEscalated, (int)(state.BlockersEscalated + state.SelfResolvedCount)),
            "agent-utilization" => MetricFormulas.Mean(utilization),
            "agent-load-evenness" => MetricFormulas.CoefficientOfVariation(utilization),
            "handoff-success" => MetricFormulas.Share((int)state.HandoffOutcomes.Accepted, (int)state.HandoffOutcomes.Settled),
            "decision-velocity" => state.DecisionVelocityDays.Mean,
            "feature-delivery-rate" => thisQuarter.Features,
            "technical-debt-ratio" => MetricFormulas.Share(thisQuarter.TechnicalDebt, thisQuarter.Total),
            "velocity-trend" => MetricFormulas.VelocityChange(state.Completions.ByDay, today),
            _ => null,
        };

        var metrics = MetricCatalog.All.Select(definition =>
        {
            double? value, before;
            string basis;
            if (definition.Source == MetricSource.Reported)
            {
                var series = state.ReportedMetrics.GetValueOrDefault(definition.Key);
                value = series?.Latest?.Sample.Value;
                before = series?.Previous?.Sample.Value;
                basis = series?.Latest is { } latest ? $"latest of {series.Count} sample(s), {latest.Sample.Source} at {latest.At:u}" : "no sample reported";
            }
            else
            {
                value = Computed(definition.Key);
                before = previous?.Metrics.FirstOrDefault(m => m.Key == definition.Key)?.Value;
                basis = previous is null ? "no earlier review to compare with" : $"compared with the review of {previous.At:u}";
            }

            var target = options.Targets.TryGetValue(definition.Key, out var configured) ? configured : definition.Target;
            var standing = value is not { } v ? MetricStanding.NoData
                : target is not { } t ? MetricStanding.Tracked
                : (definition.HigherIsBetter ? v >= t : v <= t) ? MetricStanding.OnTarget : MetricStanding.OffTarget;
            var trend = value is not { } now1 || before is not { } then ? MetricTrend.NoData
                : Math.Abs(now1 - then) < 1e-9 ? MetricTrend.Flat
                : now1 > then ? MetricTrend.Up : MetricTrend.Down;
            var targetText = options.Targets.ContainsKey(definition.Key) ? $"{(definition.HigherIsBetter ? ">=" : "<=")} {target}" : definition.TargetText;
            return new MetricValue(definition.Key, definition.Name, definition.Table, definition.Source, value, definition.Unit, targetText, standing, trend, before, basis);
        }).ToList();

        return new MetricsReport(now, metrics);
    }
}
