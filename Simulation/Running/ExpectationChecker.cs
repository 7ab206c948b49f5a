using System.Globalization;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Simulation.Scenarios;

namespace Orchestration.Simulation.Running;

/// <summary>Checks a scenario's expectations against what the run recorded and the studio's final state.</summary>
internal sealed class ExpectationChecker(Scenario scenario, StudioClient studio, IReadOnlyList<StudioEvent> events, MetricsReport metrics,
    IReadOnlyList<DeliveredMessage> delivered)
{
    private readonly ScenarioParser _parser = new(scenario.Name);

    public async Task<IReadOnlyList<ExpectationResult>> CheckAsync()
    {
        // Every conflict the run raised, as it stands now (a closed one is read from its record).
        var conflicts = new List<Conflict>();
        foreach (var raised in events.OfType<ConflictRaised>().Select(r => r.Conflict.ConflictId).Distinct())
            if (await studio.WorkGraph.GetConflict(raised) is { } conflict) conflicts.Add(conflict);
        var projects = await studio.Portfolio.GetProjects();
        var escalations = await studio.Escalations.GetEscalations();
        var results = new List<ExpectationResult>();
        foreach (var expectation in scenario.Expectations)
        {
            var (passed, actual) = expectation.Kind switch
            {
                "decision" => Decision(expectation, conflicts),
                "conflict" => ConflictStatusOf(expectation, conflicts),
                "conflicts" => Count(expectation, events.OfType<ConflictRaised>().Count(), "conflicts raised"),
                "handoff" => Handoff(expectation),
                "handoffs" => Count(expectation, Offered(expectation).Count(), Opt(expectation, "status") is { } status ? $"handoffs {status}" : "handoffs offered"),
                "sla-breaches" => Count(expectation, events.OfType<EscalationBreached>().Count(), "SLA breaches"),
                "escalations-open" => Count(expectation, escalations.Count(e => e.Status != EscalationStatus.Resolved), "escalations open"),
                "intervention" => Intervention(expectation),
                "project-status" => ProjectStatusAtEnd(expectation, projects),
                "metric" => Metric(expectation),
                "message" => Message(expectation),
                "messages" => Count(expectation, delivered.Count(m => Opt(expectation, "subscription") is not { } s || m.SubscriptionId == s), "messages delivered"),
                _ => (false, $"unknown expectation '{expectation.Kind}'"),
            };
            results.Add(new ExpectationResult(expectation.Describe(), expectation.Line, passed, actual));
        }

        return results;
    }

    private (bool, string) Decision(Expectation e, IReadOnlyList<Conflict> conflicts)
    {
        var impacted = Arg(e, "impacted");
        var decided = conflicts.Where(c => c.ImpactedItemId == impacted && c.Decision is not null).OrderBy(c => c.RaisedAt).ToList();
        if (decided.Count == 0)
        {
            var held = conflicts.FirstOrDefault(c => c.ImpactedItemId == impacted);
            return (false, held is null ? $"no conflict about {impacted}" : $"{held.ConflictId} is {held.Status}{(held.HeldBecause is { } why ? $": {why}" : "")}");
        }

        var decision = decided[^1].Decision!;
        var problems = new List<string>();
        if (Opt(e, "option") is { } option && decision.ChosenOptionId != option) problems.Add($"chose {decision.ChosenOptionId}");
        if (Opt(e, "keeps-date") is { } keeps)
        {
            var kept = decision.ActionItems.Any(a => a.ItemId == impacted && a.Action != ActionKind.Reschedule);
            if (kept != (keeps == "true")) problems.Add(kept ? $"kept the date of {impacted}" : $"moved {impacted}");
        }

        if (Opt(e, "decided-by") is { } by && decision.DecidedBy != by) problems.Add($"decided by {decision.DecidedBy}");
        if (Opt(e, "by") is { } deadline && decision.DecidedAt > scenario.StartInstant + Offset(e, deadline)) problems.Add($"decided at {When(decision.DecidedAt)}");
        return (problems.Count == 0, $"{decision.DecisionId}: {decision.ChosenOptionId} by {decision.DecidedBy} at {When(decision.DecidedAt)}"
            + (problems.Count == 0 ? "" : $" ({string.Join("; ", problems)})"));
    }

    /// <summary>The latest conflict about an item ends in the status expected (superseded: a plan kept it on time).</summary>
    private static (bool, string) ConflictStatusOf(Expectation e, IReadOnlyList<Conflict> conflicts)
    {
        var impacted = Arg(e, "impacted");
        if (conflicts.Where(c => c.ImpactedItemId == impacted).OrderBy(c => c.RaisedAt).LastOrDefault() is not { } conflict) return (false, $"no conflict about {impacted}");
        var passed = string.Equals(conflict.Status.ToString(), Arg(e, "status").Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        var why = conflict.SupersededBecause ?? conflict.WithdrawnBecause ?? conflict.HeldBecause;
        return (passed, $"{conflict.ConflictId} is {conflict.Status}{(why is null ? "" : $": {why}")}");
    }

    /// <summary>The latest handoff of an item (to an agent, if named) is in the status expected (offered, accepted, rejected).</summary>
    private (bool, string) Handoff(Expectation e)
    {
        var item = Arg(e, "item");
        var offers = events.OfType<HandoffOffered>().Where(o => o.Offer.ItemId == item && (Opt(e, "to") is not { } to || o.Offer.ToAgentId == to)).ToList();
        if (offers.Count == 0) return (false, $"no handoff of {item}{(Opt(e, "to") is { } who ? $" to {who}" : "")}");
        var latest = offers[^1].Offer;
        var settled = events.OfType<HandoffSettled>().LastOrDefault(h => h.Handoff.Offer.HandoffId == latest.HandoffId)?.Handoff;
        var status = settled?.Status ?? Grains.Interfaces.Handoffs.HandoffStatus.Offered;
        return (string.Equals(status.ToString(), Arg(e, "status"), StringComparison.OrdinalIgnoreCase),
            $"{latest.HandoffId} to {latest.ToAgentId} is {status}{(settled?.Reason is { } why ? $": {why}" : "")}");
    }

    /// <summary>The handoffs offered during the run, or those that ended in the status named.</summary>
    private IEnumerable<Grains.Interfaces.Handoffs.HandoffOffer> Offered(Expectation e) =>
        Opt(e, "status") is not { } status ? events.OfType<HandoffOffered>().Select(o => o.Offer)
        : events.OfType<HandoffSettled>().Where(h => string.Equals(h.Handoff.Status.ToString(), status, StringComparison.OrdinalIgnoreCase)).Select(h => h.Handoff.Offer);

    private (bool, string) Intervention(Expectation e)
    {
        var project = Arg(e, "project");
        var started = events.OfType<InterventionChanged>().Where(i => i.ProjectId == project && i.Intervention.RecoveredAt is null).ToList();
        if (started.Count == 0) return (false, $"no intervention on {project}");
        var first = started[0];
        var problems = new List<string>();
        if (Opt(e, "kind") is { } kind && !string.Equals(first.Intervention.Kind.ToString(), kind.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
            problems.Add($"kind {first.Intervention.Kind}");
        if (Opt(e, "by") is { } deadline && first.At > scenario.StartInstant + Offset(e, deadline)) problems.Add("too late");
        if (Opt(e, "recovered") is "true" && !events.OfType<InterventionChanged>().Any(i => i.ProjectId == project && i.Intervention.RecoveredAt is not null))
            problems.Add("never recovered");
        return (problems.Count == 0, $"{first.Intervention.Kind} started at {When(first.At)}" + (problems.Count == 0 ? "" : $" ({string.Join("; ", problems)})"));
    }

    private static (bool, string) ProjectStatusAtEnd(Expectation e, IReadOnlyList<Project> projects)
    {
        var project = projects.FirstOrDefault(p => p.ProjectId == Arg(e, "project"));
        return project is null
            ? (false, $"no project {Arg(e, "project")}")
            : (string.Equals(project.Status.ToString(), Arg(e, "status"), StringComparison.OrdinalIgnoreCase), $"{project.ProjectId} is {project.Status}");
    }

    private (bool, string) Metric(Expectation e)
    {
        var metric = metrics.Metrics.FirstOrDefault(m => m.Key == Arg(e, "key"));
        if (metric is null) return (false, $"no metric {Arg(e, "key")}");
        if (metric.Value is not { } value) return (false, $"{metric.Key}: no data");
        return Bounds(e, value, $"{metric.Key} = {value.ToString("0.####", CultureInfo.InvariantCulture)}");
    }

    /// <summary>A message for the subscription (whose subject contains <c>subject</c>) was delivered within [after, by].</summary>
    private (bool, string) Message(Expectation e)
    {
        var mine = delivered.Where(m => m.SubscriptionId == Arg(e, "subscription") && (Opt(e, "subject") is not { } subject || m.Subject.Contains(subject, StringComparison.Ordinal))).ToList();
        var within = mine.Where(m => (Opt(e, "by") is not { } by || m.At <= scenario.StartInstant + Offset(e, by)) && (Opt(e, "after") is not { } after || m.At >= scenario.StartInstant + Offset(e, after))).ToList();
        return mine.Count == 0
            ? (false, $"no message for {Arg(e, "subscription")}{(Opt(e, "subject") is { } s ? $" about '{s}'" : "")}")
            : (within.Count > 0, string.Join("; ", mine.Select(m => $"{When(m.At)}: {m.Subject}")));
    }

    private static (bool, string) Count(Expectation e, int count, string what) => Bounds(e, count, $"{count} {what}");

    private static (bool, string) Bounds(Expectation e, double value, string actual)
    {
        bool Check(string key, Func<double, bool> ok) => Opt(e, key) is not { } bound || ok(double.Parse(bound, CultureInfo.InvariantCulture));
        var passed = Check("count", b => value == b) && Check("equals", b => Math.Abs(value - b) < 1e-9)
            && Check("at-least", b => value >= b) && Check("at-most", b => value <= b) && (Opt(e, "none") is not "true" || value == 0);
        return (passed, actual);
    }

    private TimeSpan Offset(Expectation e, string text) => _parser.Offset(new YamlDotNet.RepresentationModel.YamlScalarNode(text));

    private string When(DateTimeOffset at) => scenario.Entry(at - scenario.StartInstant, "", "").When;

    private static string Arg(Expectation e, string key) => Opt(e, key) ?? throw new ScenarioException(e.Kind, e.Line, $"'{e.Kind}' needs '{key}'");

    private static string? Opt(Expectation e, string key) => e.Args.TryGetValue(key, out var v) ? v as string : null;
}
