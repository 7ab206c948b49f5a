using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Portfolio;

namespace Orchestration.Grains.Escalations;

/// <summary>
/// The seed's Escalation Handling: four classes, each with a response SLA; a lifecycle of raised, acknowledged,
/// decided, resolved; a miss detected by the SLA check — when the escalation's own timer says its time has come — and
/// re-escalated one level up.
/// </summary>
public sealed class EscalationWorkflow(IEscalationBook state, StudioChanges changes, PortfolioOptions options)
{
    private DateTimeOffset Now => changes.Now;

    public Escalation Raise(EscalationClass escalationClass, string sourceId, string? projectId, string summary, string raisedBy)
    {
        var escalation = new Escalation($"esc-{++state.EscalationSequence}", escalationClass, sourceId, projectId, summary, raisedBy,
            Now, Now + options.SlaFor(escalationClass), EscalationStatus.Raised, Breaches: []);
        state.Escalations[escalation.EscalationId] = escalation;
        Watch(escalation);
        changes.Event(seq => new EscalationRaised(changes.StudioId, seq, Now,
            $"{escalation.EscalationId} ({escalationClass}) raised by {raisedBy}: {summary}; respond by {escalation.DueAt:u}", escalation));
        return escalation;
    }

    /// <param name="request">Who takes it on, and who works on it.</param>
    /// <param name="filed">The escalation filed in its own grain, if it was resolved and left the index.</param>
    public Escalation Acknowledge(EscalationAcknowledgement? request, Escalation? filed = null)
    {
        request = Require.Present(request, "request");
        var escalation = Find(request.EscalationId, "request.escalationId", filed);
        var by = Require.Label(request.By, "request.by");
        var assignee = Require.Label(request.Assignee, "request.assignee");
        if (escalation.Status != EscalationStatus.Raised) return escalation; // already taken on: a retry or a late duplicate
        return Change(escalation with { Status = EscalationStatus.Acknowledged, AcknowledgedBy = by, Assignee = assignee, AcknowledgedAt = Now },
            $"acknowledged by {by}, assigned to {assignee}");
    }

    /// <param name="request">Who resolves it, and how.</param>
    /// <param name="filed">The escalation filed in its own grain, if it was resolved and left the index.</param>
    public Escalation Resolve(EscalationResolution? request, Escalation? filed = null)
    {
        request = Require.Present(request, "request");
        var escalation = Find(request.EscalationId, "request.escalationId", filed);
        if (escalation.Class is EscalationClass.AgentBlocker or EscalationClass.StrategicConflict)
            throw new InvalidRequestException("request.escalationId",
                $"{escalation.EscalationId} is a {escalation.Class}: it resolves with its {(escalation.Class == EscalationClass.AgentBlocker ? "report" : "conflict")} ({escalation.SourceId})");
        var by = Require.Label(request.By, "request.by");
        var resolution = Require.Text(request.Resolution, "request.resolution");
        return escalation.Status == EscalationStatus.Resolved ? escalation : Close(escalation, $"{by}: {resolution}");
    }

    /// <summary>Keeps the escalations of conflicts and blockers in step with what the same operation did to them.</summary>
    public void Observe(IEnumerable<StudioEvent> events)
    {
        foreach (var studioEvent in events.ToList())
            switch (studioEvent)
            {
                case ConflictRaised raised:
                    Raise(EscalationClass.StrategicConflict, raised.Conflict.ConflictId, ProjectOf(raised.Conflict.ImpactedItemId), raised.Conflict.Reason, "producer");
                    break;
                case DecisionUnapplied unapplied when BySource(Unapplied(unapplied.ConflictId, unapplied.DecisionId)) is null:
                    Raise(EscalationClass.AgentBlocker, Unapplied(unapplied.ConflictId, unapplied.DecisionId), BySource(unapplied.ConflictId)?.ProjectId, unapplied.Because, "producer");
                    break;
                case DecisionRecorded decided:
                    if (BySource(decided.Decision.ConflictId) is { } escalation && escalation.Status != EscalationStatus.Resolved)
                        Change(escalation with { Status = EscalationStatus.Decided, DecidedAt = escalation.DecidedAt ?? Now }, $"decided: {decided.Decision.ChosenOptionId} by {decided.Decision.DecidedBy}");
                    CloseUnapplied(decided.Decision.ConflictId, $"decided again: {decided.Decision.DecisionId} by {decided.Decision.DecidedBy}");
                    break;
                case ConflictClosed closed:
                    if (BySource(closed.ConflictId) is { } conflictEscalation && conflictEscalation.Status != EscalationStatus.Resolved)
                        Close(conflictEscalation, $"conflict {closed.Status.ToString().ToLowerInvariant()}");
                    CloseUnapplied(closed.ConflictId, $"conflict {closed.Status.ToString().ToLowerInvariant()}");
                    break;
                case ConflictWithdrawn withdrawn:
                    if (BySource(withdrawn.ConflictId) is { } withdrawnEscalation && withdrawnEscalation.Status != EscalationStatus.Resolved)
                        Close(withdrawnEscalation, $"withdrawn: {withdrawn.Because}");
                    CloseUnapplied(withdrawn.ConflictId, $"withdrawn: {withdrawn.Because}");
                    break;
            }
    }

    /// <summary>The source of the escalation raised when agents acknowledge a decision without applying it.</summary>
    public static string Unapplied(string conflictId, string decisionId) => $"{conflictId}/unapplied/{decisionId}";

    private void CloseUnapplied(string conflictId, string resolution)
    {
        foreach (var escalation in state.Escalations.Values.Where(e => e.Status != EscalationStatus.Resolved && e.SourceId.StartsWith($"{conflictId}/unapplied/", StringComparison.Ordinal)).ToList())
            Close(escalation, resolution);
    }

    public void ResolveSource(string sourceId, string resolution)
    {
        if (BySource(sourceId) is { } escalation && escalation.Status != EscalationStatus.Resolved) Close(escalation, resolution);
    }

    /// <summary>
    /// An open escalation whose response is late is breached once (level 2: the ladder's first step is told); while it
    /// stays unanswered it climbs the ladder's next steps at their times, and stops at the last. Returns the
    /// escalations breached or stepped up by this check.
    /// </summary>
    public IReadOnlyList<Escalation> CheckSlas()
    {
        var ladder = options.Ladder;
        var changed = new List<Escalation>();
        foreach (var escalation in state.Escalations.Values.Where(e => e.Status != EscalationStatus.Resolved && !e.Responded && e.DueAt < Now)
                     .OrderBy(e => e.DueAt).ThenBy(e => e.EscalationId, StringComparer.Ordinal).ToList())
        {
            if (!escalation.Breached)
            {
                var breach = new SlaBreach(escalation.DueAt, Now, escalation.Level);
                var breached = Step(escalation with { Breaches = [breach] }, ladder, 0);
                changed.Add(breached);
                changes.Event(seq => new EscalationBreached(changes.StudioId, seq, Now,
                    $"{escalation.EscalationId} ({escalation.Class}) missed its SLA due {escalation.DueAt:u}{Told(breached)}", breached, breach));
            }
            else if (escalation.NextStepAt is { } next && next <= Now)
            {
                var stepped = Step(escalation, ladder, escalation.Level - 1);
                changed.Add(stepped);
                changes.Event(seq => new EscalationChanged(changes.StudioId, seq, Now,
                    $"{escalation.EscalationId} ({escalation.Class}) still unanswered {Math.Round((Now - escalation.DueAt).TotalHours, 1)} h after its SLA{Told(stepped)}", stepped));
            }
        }

        return changed;
    }

    /// <summary>Up to ladder step <paramref name="index"/> (level index + 2), with the next step's time if there is one.</summary>
    private Escalation Step(Escalation escalation, IReadOnlyList<LadderStep> ladder, int index)
    {
        var step = index < ladder.Count ? ladder[index] : null;
        var stepped = escalation with
        {
            Level = index + 2,
            EscalatedTo = step?.Notify ?? escalation.EscalatedTo,
            NextStepAt = index + 1 < ladder.Count ? escalation.DueAt + ladder[index + 1].After : null,
        };
        state.Escalations[escalation.EscalationId] = stepped;
        Watch(stepped);
        return stepped;
    }

    private static string Told(Escalation escalation) =>
        (escalation.EscalatedTo is { Length: > 0 } who ? $": level {escalation.Level}, {who} is told" : $": level {escalation.Level}")
        + (escalation.NextStepAt is { } next ? $"; next step {next:u}" : "; the top of the ladder");

    private Escalation Close(Escalation escalation, string resolution)
    {
        var closed = Change(escalation with { Status = EscalationStatus.Resolved, ResolvedAt = Now, Resolution = resolution }, $"resolved: {resolution}");
        changes.Filings.AddRange(FilingsOf(closed));
        var resolved = state.Escalations.Values.Where(e => e.Status == EscalationStatus.Resolved).OrderBy(e => e.ResolvedAt).ToList();
        foreach (var old in resolved.Take(Math.Max(0, resolved.Count - IEscalationBook.ResolvedEscalationsKept))) state.Escalations.Remove(old.EscalationId);
        return closed;
    }

    /// <summary>Where a resolved escalation is filed: under its id, and a stakeholder request's also under the request's
    /// id, which is what makes a retried request a duplicate.</summary>
    public static IEnumerable<Filing> FilingsOf(Escalation resolved)
    {
        yield return new Filing(RecordKeys.Escalation(resolved.EscalationId), resolved);
        if (resolved.Class == EscalationClass.StakeholderRequest) yield return new Filing(RecordKeys.Request(resolved.SourceId), resolved);
    }

    /// <summary>Says when the escalation must next be looked at (the Producer turns these into SLA timers).</summary>
    private void Watch(Escalation escalation) => changes.Filings.Add(new Filing($"escalation-watch:{escalation.EscalationId}", EscalationWatch.Of(escalation)));

    private Escalation Change(Escalation escalation, string what)
    {
        state.Escalations[escalation.EscalationId] = escalation;
        Watch(escalation);
        changes.Event(seq => new EscalationChanged(changes.StudioId, seq, Now, $"{escalation.EscalationId} ({escalation.Class}) {what}", escalation));
        return escalation;
    }

    private Escalation? BySource(string sourceId) =>
        state.Escalations.Values.Where(e => e.SourceId == sourceId).OrderByDescending(e => e.RaisedAt).FirstOrDefault();

    private string? ProjectOf(string itemId) => state.WorkItems.GetValueOrDefault(itemId)?.ProjectId;

    private Escalation Find(string? escalationId, string field, Escalation? filed)
    {
        var id = Require.Id(escalationId, field);
        return state.Escalations.GetValueOrDefault(id) ?? (filed?.EscalationId == id ? filed : null) ?? throw new InvalidRequestException(field, $"no escalation '{id}' in studio '{changes.StudioId}'");
    }
}
