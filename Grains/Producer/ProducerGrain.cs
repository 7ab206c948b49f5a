using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Common;
using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Handoffs;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Portfolio;
using Orchestration.Grains.Records;
using Orchestration.Grains.Reports;
using Orchestration.Grains.Strategy;
using Orchestration.Grains.Telemetry;
using Orchestration.Grains.Work;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace Orchestration.Grains.Producer;

/// <summary>
/// The Studio Producer. Every change follows one path: validate (refuse before touching state), apply to state,
/// persist it together with what it produced (<see cref="StudioChanges"/>, queued in the state's
/// <see cref="PendingDelivery"/>), then deliver that: events into the journal and onto the event stream, messages to
/// inboxes, broadcasts to the strategy stream. A retried request (same id) finds its work done, persists nothing,
/// and re-sends its stream message, which receivers apply once.
/// <para>
/// The grain is reentrant so that one studio's callers share writes (<see cref="GroupCommit"/>): each operation
/// validates and applies its change in one synchronous turn — re-checking, after any lookup it awaited, what it looked
/// up — then waits for the next write, which stores every change applied since the last one. A read may see a change
/// whose write is still in flight; a caller returns only once its own change is stored.
/// </para>
/// </summary>
[Reentrant]
public sealed partial class ProducerGrain(
    [PersistentState("producer", StudioStreams.Storage)] IPersistentState<ProducerState> state,
    DeepCopier<ProducerState> copier,
    AgentKindCatalog kinds,
    [FromKeyedServices(StudioClock.Key)] TimeProvider clock,
    TimeProvider machineClock,
    IOptions<ProducerOptions> options,
    IOptions<PortfolioOptions> portfolioOptions,
    IOptions<StudioLimits> limits,
    StreamSeal seal,
    ILogger<ProducerGrain> logger) : Grain, IProducerGrain, IWorkGraphGrain, IPortfolioGrain, IEscalationsGrain, IEscalationClock
{
    private StudioDelivery _delivery = null!;

    private string StudioId => this.GetPrimaryKeyString();

    /// <summary>The live state operations change; each write stores a copy of it taken at the write's start.</summary>
    private ProducerState State => _live;

    private ProducerState _live = null!;

    private GroupCommit _writes = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Require.Id(StudioId, "studioId");
        _live = state.State;
        _writes = new GroupCommit(WriteSnapshot);
        _deliveries = new GroupCommit(DeliverStored);
        _feeding = new GroupCommit(FeedStored);
        _storedThrough = State.Pending.Mark(); // what storage holds is stored, outbox included
        _fedAtLastWrite = State.Inboxes.Fed;
        _delivery = new StudioDelivery(GrainFactory, this.GetStreamProvider(StudioStreams.Provider), StudioId,
            agentId => State.Agents.TryGetValue(agentId, out var agent) && agent.Hosting == AgentHosting.External, seal);
        await LoadAgentDirectory();
        await State.OpenBooks.LoadAsync(GrainFactory, StudioId, State.OpenPages, State.Pending.Filings);
        _records = new RecordIndex(State.Records);
        await LoadRecordIndex();
        if (!state.RecordExists) State.LayoutVersion = ProducerState.CurrentLayout; // a new studio starts current
        else if (State.LayoutVersion < ProducerState.CurrentLayout) await MigrateLayout();
        // A previous activation stored changes it did not get to deliver: deliver them before anything new.
        _slaTimers = SlaTimers.Of(State.Escalations.Values);
        await LoadUnfedBatches();
        if (!State.Pending.IsEmpty) await DeliverPending();
        if (_unfed.Count > 0) await FeedInboxes();
        await RegisterNeededReminders(); // a change whose write failed after its reminder was unregistered
    }

    // ---- agents ---------------------------------------------------------------------------------------------------

    public async Task<RegistrationReceipt> RegisterAgent(AgentRegistration registration)
    {
        if (Acting.Current is { IsTrusted: false } && registration is { Hosting: not AgentHosting.External })
            throw new NotPermittedException("registration.hosting", "a hosted agent registers itself when it joins; a credential registers an external agent");
        var existing = registration is null ? null : State.Agents.GetValueOrDefault(registration.AgentId ?? "");
        var profile = RegistrationRules.Evaluate(registration, existing, kinds, clock.GetUtcNow());
        if (profile == existing)
            return new RegistrationReceipt(profile, State.CurrentStrategy, WasDuplicate: true);
        if (existing is null)
        {
            StudioLimits.Room(State.Agents.Count, Allowed.MaxAgents, nameof(Allowed.MaxAgents), "registration.agentId", StudioId, "agents", "retire agents or raise the limit");

            // A new agent: its id must not belong to another studio (refused there, by the membership grain).
            await GrainFactory.GetGrain<IAgentMembershipGrain>(profile.AgentId).Join(StudioId);

            // Calls interleave: the same agent may have registered while this one waited. Evaluate again, now.
            existing = State.Agents.GetValueOrDefault(profile.AgentId);
            profile = RegistrationRules.Evaluate(registration, existing, kinds, clock.GetUtcNow());
            if (profile == existing) return new RegistrationReceipt(profile, State.CurrentStrategy, WasDuplicate: true);
            if (existing is null)
                StudioLimits.Room(State.Agents.Count, Allowed.MaxAgents, nameof(Allowed.MaxAgents), "registration.agentId", StudioId, "agents", "retire agents or raise the limit");
        }

        var changes = Changes();
        State.Agents[profile.AgentId] = profile;
        FileAgent(profile, changes.Filings);
        changes.Event(seq => new AgentJoined(StudioId, seq, changes.Now,
            existing is null
                ? $"{profile.DisplayName} ({profile.Kind}, {profile.Hosting}) joined with capacity {profile.Capacity}"
                : $"{profile.DisplayName} ({profile.Kind}) updated its registration: capacity {profile.Capacity}",
            profile));
        await Commit(changes);
        LogAgentRegistered(profile.AgentId, profile.Kind, profile.Hosting);
        return new RegistrationReceipt(profile, State.CurrentStrategy, WasDuplicate: false);
    }

    // ---- blockers and risks ---------------------------------------------------------------------------------------

    public Task<ReportReceipt> ReportBlocker(BlockerReport report) => Raise(ReportRules.Blocker(report, clock.GetUtcNow()));

    public Task<ReportReceipt> ReportRisk(RiskReport report) => Raise(ReportRules.Risk(report, clock.GetUtcNow()));

    private async Task<ReportReceipt> Raise(ReportRecord report)
    {
        RequireRegistered(report.AgentId, "report.agentId");
        var changes = Changes();
        var recorded = await FindReport(report.ReportId);
        // Calls interleave: while this one looked the id up, another may have raised or filed it. Look again, now.
        recorded = State.OpenReports.GetValueOrDefault(report.ReportId) ?? FiledNow<ReportRecord>(RecordKeys.Report(report.ReportId)) ?? recorded;
        if (recorded is not null)
        {
            if (!ReportRules.SameReport(recorded, report))
                throw new InvalidRequestException("report.reportId", $"'{report.ReportId}' was already used for a different report");
            if (recorded.IsOpen) changes.Send(Acknowledgement(recorded, changes.Now)); // the first may not have gone out
            await SendUnstored(changes);
            return new ReportReceipt(recorded.ReportId, recorded.Kind, recorded.ReportedAt, WasDuplicate: true);
        }

        StudioLimits.Room(State.OpenReports.Count, Allowed.MaxOpenReports, nameof(Allowed.MaxOpenReports), "report", StudioId, "open reports", "resolve some first");

        // Escalation by exception: every blocker reported here is escalated (a critical one as an incident);
        // an agent that cleared an issue itself logs it with LogResolvedIssue instead.
        if (report.Kind == ReportKind.Blocker)
        {
            var escalation = Escalations(changes).Raise(
                report.Severity == Severity.Critical ? EscalationClass.CriticalIncident : EscalationClass.AgentBlocker,
                report.ReportId, report.ProjectId, $"{report.Summary} (blocks {report.Blocks})", report.AgentId);
            report = report with { EscalationId = escalation.EscalationId };
            State.BlockersEscalated++;
        }

        State.OpenReports[report.ReportId] = report;
        changes.Event(seq => new ReportRaised(StudioId, seq, report.ReportedAt,
            $"{report.Kind} {report.ReportId} from {report.AgentId} on {report.ProjectId} ({report.Severity}): {report.Summary}", report));
        changes.Send(Acknowledgement(report, changes.Now));
        await Commit(changes);
        LogReportRaised(report.Kind, report.ReportId, report.AgentId, report.Severity);
        return new ReportReceipt(report.ReportId, report.Kind, report.ReportedAt, WasDuplicate: false);
    }

    public async Task<ReportRecord> ResolveReport(ResolveReport request)
    {
        request = Require.Present(request, "request");
        var reportId = Require.Id(request.ReportId, "request.reportId");
        var caller = Acting.Current;
        var recorded = await FindReport(reportId)
            ?? throw new InvalidRequestException("request.reportId", $"no report '{reportId}' in studio '{StudioId}'");
        if (caller is { IsAgent: true } && !caller.ActsFor(recorded.AgentId))
            throw new NotPermittedException("request.reportId", $"'{reportId}' was reported by '{recorded.AgentId}': an agent resolves only its own reports");
        var changes = Changes();
        if (!recorded.IsOpen)
        {
            changes.Send(Closure(recorded, changes.Now));
            await SendUnstored(changes);
            return recorded;
        }

        var resolved = ReportRules.Resolve(recorded, request, changes.Now);
        State.OpenReports.Remove(reportId);
        changes.File(RecordKeys.Report(reportId), resolved); // filed in its own grain: the open index keeps only what is open
        CountResolvedRisk(resolved);
        changes.Event(seq => new ReportResolved(StudioId, seq, changes.Now,
            $"{resolved.Kind} {reportId} resolved by {resolved.Resolution!.ResolvedBy}: {resolved.Resolution.Resolution}", resolved));
        changes.Send(Closure(resolved, changes.Now));
        Escalations(changes).ResolveSource(reportId, $"report resolved by {resolved.Resolution!.ResolvedBy}: {resolved.Resolution.Resolution}");
        await Commit(changes);
        LogReportResolved(resolved.Kind, reportId, resolved.Resolution!.ResolvedBy);
        return resolved;
    }

    // ---- strategy -------------------------------------------------------------------------------------------------

    public async Task<StudioStrategy> PublishStrategy(StrategyChange change)
    {
        var outcome = StrategyRules.Evaluate(StudioId, change, State.Strategies, clock.GetUtcNow());
        var strategy = outcome switch
        {
            StrategyOutcome.AlreadyPublished(var earlier) => earlier,
            StrategyOutcome.Publish(var published) => published,
            _ => throw new InvalidOperationException("Unknown strategy outcome."),
        };

        if (outcome is StrategyOutcome.Publish)
        {
            var changes = Changes();
            Apply(() =>
            {
                BoundedLog.Append(State.Strategies, strategy, ProducerState.StrategiesKept);
                changes.Event(seq => new StrategyPublished(StudioId, seq, strategy.IssuedAt,
                    $"Strategy v{strategy.Version} by {strategy.IssuedBy}: {strategy.Rationale}", strategy));
                Conflicts(changes).Reassess();
                changes.Broadcasts.Add(new StrategyBroadcast(strategy.MessageId, strategy.IssuedAt, strategy));
                return strategy;
            });
            await Commit(changes);
            LogStrategyPublished(strategy.Version, State.Agents.Count);
        }
        else
        {
            // A retry broadcasts again (the first may not have gone out); receivers ignore a version they already have.
            await _delivery.Broadcast(new StrategyBroadcast(strategy.MessageId, strategy.IssuedAt, strategy));
        }

        return strategy;
    }

    // ---- work items, conflicts and decisions ----------------------------------------------------------------------

    public async Task<WorkItemReceipt> DeclareWorkItem(WorkItem item, string reason)
    {
        var finished = await FinishedWorkNamedBy(item);
        var validated = WorkItemRules.Validate(item, State.Agents, State.WorkItems, finished);
        reason = Require.OptionalText(reason, "reason");
        if (WorkItemRules.Same(State.WorkItems.GetValueOrDefault(validated.ItemId), validated))
            return new WorkItemReceipt(validated.ItemId, Changed: false, []);

        var changes = Changes();
        var receipt = Apply(() => Conflicts(changes).Declare(validated, string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason));
        await Commit(changes);
        return receipt;
    }

    public async Task<Conflict> ApproveDecision(ApproveDecision request)
    {
        var filed = await FiledConflict(request?.ConflictId);
        return await Change(changes => Conflicts(changes).Approve(Require.Present(request, "request"), filed));
    }

    public async Task<Conflict> OverrideDecision(OverrideDecision request)
    {
        var filed = await FiledConflict(request?.ConflictId);
        return await Change(changes => Conflicts(changes).Override(Require.Present(request, "request"), filed));
    }

    public async Task<Conflict> AcknowledgeDecision(DecisionAcknowledgement acknowledgement)
    {
        var filed = await FiledConflict(acknowledgement?.ConflictId);
        return await Change(changes => Conflicts(changes).Acknowledge(Require.Present(acknowledgement, "acknowledgement"), filed));
    }

    /// <summary>A conflict that closed and left the book (waiting in the outbox, or filed in its own grain).</summary>
    private async Task<Conflict?> FiledConflict(string? conflictId) =>
        !Require.IsId(conflictId) || State.Conflicts.ContainsKey(conflictId!) || State.RecentlyClosed.Any(c => c.ConflictId == conflictId) ? null
        : await Filed<Conflict>(RecordKeys.Conflict(conflictId!));

    public Task<IReadOnlyList<ActionItem>> FollowUpActionItems() =>
        Change(changes => Conflicts(changes).FollowUp());

    // ---- handoffs -------------------------------------------------------------------------------------------------

    public async Task<HandoffRecord> OfferHandoff(HandoffOffer offer)
    {
        var filed = await FiledHandoff(offer?.HandoffId);
        var accepted = await AcceptedHandoff(offer);
        return await Change(changes =>
        {
            if (filed is null && offer?.HandoffId is { } id && !State.Handoffs.ContainsKey(id))
                StudioLimits.Room(State.Handoffs.Values.Count(h => h.Status == HandoffStatus.Offered), Allowed.MaxOpenHandoffs, nameof(Allowed.MaxOpenHandoffs),
                    "offer", StudioId, "open handoffs", "have their recipients answer some first");
            return new HandoffWorkflow(State, changes).Offer(offer, filed, accepted);
        });
    }

    public async Task<HandoffRecord> RespondToHandoff(HandoffResponse response)
    {
        var filed = await FiledHandoff(response?.HandoffId);
        var accepted = await AcceptedHandoff((State.Handoffs.GetValueOrDefault(response?.HandoffId ?? "") ?? filed)?.Offer);
        return await Change(changes => new HandoffWorkflow(State, changes).Respond(response, filed, accepted));
    }

    /// <summary>The accepted handoff of the offer's kind and item that left the index, if there is one (a never-filed key
    /// costs no read).</summary>
    private async Task<HandoffRecord?> AcceptedHandoff(HandoffOffer? offer) =>
        offer is null || !Require.IsId(offer.ItemId) || !Enum.IsDefined(offer.Kind) ? null
        : await Filed<HandoffRecord>(RecordKeys.AcceptedHandoff(offer.Kind, offer.ItemId));

    /// <summary>A handoff that settled and left the index (waiting in the outbox, or filed in its own grain).</summary>
    private async Task<HandoffRecord?> FiledHandoff(string? handoffId) =>
        !Require.IsId(handoffId) || State.Handoffs.ContainsKey(handoffId!) ? null
        : await Filed<HandoffRecord>(RecordKeys.Handoff(handoffId!));

    // ---- queries --------------------------------------------------------------------------------------------------

    public Task<IReadOnlyList<AgentProfile>> GetAgents() =>
        Task.FromResult<IReadOnlyList<AgentProfile>>([.. State.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<ReportRecord>> GetOpenReports() =>
        Task.FromResult<IReadOnlyList<ReportRecord>>(
            [.. State.OpenReports.Values.OrderByDescending(r => r.Severity).ThenBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal)]);

    public async Task<ReportRecord?> GetReport(string reportId) =>
        Require.IsId(reportId) ? await FindReport(reportId) : null;

    public Task<StudioStrategy?> GetStrategy() => Task.FromResult(State.CurrentStrategy);

    public Task<IReadOnlyList<WorkItem>> GetWorkItems() =>
        Task.FromResult<IReadOnlyList<WorkItem>>([.. State.WorkItems.Values.OrderBy(i => i.ItemId, StringComparer.Ordinal)]);

    public Task<WorkItem?> GetWorkItem(string itemId) => Task.FromResult(Require.IsId(itemId) ? State.WorkItems.GetValueOrDefault(itemId) : null);

    public Task<IReadOnlyList<Conflict>> GetConflicts() =>
        Task.FromResult<IReadOnlyList<Conflict>>([.. State.Conflicts.Values.Concat(State.RecentlyClosed)
            .OrderByDescending(c => c.RaisedAt).ThenByDescending(c => c.ConflictId.Length).ThenByDescending(c => c.ConflictId, StringComparer.Ordinal)]); // conflict-10 after conflict-9

    public async Task<Conflict?> GetConflict(string conflictId) =>
        !Require.IsId(conflictId) ? null
        : State.Conflicts.GetValueOrDefault(conflictId) ?? State.RecentlyClosed.LastOrDefault(c => c.ConflictId == conflictId)
          ?? await Filed<Conflict>(RecordKeys.Conflict(conflictId));

    public Task<IReadOnlyList<Conflict>> GetPendingDecisions() =>
        Task.FromResult<IReadOnlyList<Conflict>>([.. State.Conflicts.Values.Where(c => c.Status == ConflictStatus.PendingDecision).OrderBy(c => c.RaisedAt)]);

    public Task<IReadOnlyList<Decision>> GetDecisionLog() =>
        Task.FromResult<IReadOnlyList<Decision>>([.. State.Conflicts.Values.Concat(State.RecentlyClosed).Select(c => c.Decision).OfType<Decision>()
            .OrderBy(d => d.DecidedAt).ThenBy(d => d.DecisionId, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<HandoffRecord>> GetHandoffs() =>
        Task.FromResult<IReadOnlyList<HandoffRecord>>([.. State.Handoffs.Values.OrderBy(h => h.OfferedAt).ThenBy(h => h.Offer.HandoffId, StringComparer.Ordinal)]);

    public Task<StudioOverview> GetOverview() => Task.FromResult(new StudioOverview(
        StudioId,
        State.Agents.Count,
        State.OpenReports.Values.Count(r => r.Kind == ReportKind.Blocker),
        State.OpenReports.Values.Count(r => r.Kind == ReportKind.Risk),
        State.CurrentStrategy,
        State.EventSequence,
        State.Conflicts.Values.Count(ConflictWorkflow.IsActive),
        State.Conflicts.Values.Count(c => c.Status == ConflictStatus.PendingDecision),
        State.Handoffs.Values.Count(h => h.Status == HandoffStatus.Offered),
        ProjectRules.Undeclared(State.Projects, State.OpenReports.Values, State.WorkItems.Values, State.Completed).Count));

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private StudioChanges Changes() => new(State, StudioId, clock.GetUtcNow());

    /// <summary>Runs a domain operation; persists and publishes only if it changed something.</summary>
    private async Task<T> Change<T>(Func<StudioChanges, T> operation)
    {
        var changes = Changes();
        var sequence = State.EventSequence;
        var result = Apply(() => operation(changes));
        // Events mean the state changed; filings alone (timers handed their escalations) still go through the outbox.
        if (State.EventSequence != sequence || changes.Filings.Count > 0) await Commit(changes);
        else await SendUnstored(changes);
        return result;
    }

    /// <summary>
    /// Applies a change to the live state in one synchronous turn. A refusal is raised before any change, so the
    /// activation stays. Anything else may have stopped half way: that state is never written (nor is anything
    /// applied after it), and the activation is dropped, so the next call starts from what storage holds — the
    /// studio is exactly as it was before the failed call.
    /// </summary>
    private T Apply<T>(Func<T> apply)
    {
        try
        {
            return apply();
        }
        catch (Exception e) when (e is not InvalidRequestException)
        {
            _unstoredChange = true;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Which minutes of the SLA clock open escalations wait on; derived from the state on activation.</summary>
    private SlaTimers _slaTimers = new();

    /// <summary>The escalations' watches this change said become the SLA timers to start and stop, in the outbox.</summary>
    private void SetSlaTimers(StudioChanges changes)
    {
        var watches = changes.Filings.Select(f => f.Record).OfType<EscalationWatch>().ToList();
        if (watches.Count == 0) return;
        changes.Filings.RemoveAll(f => f.Record is EscalationWatch);
        changes.Filings.AddRange(_slaTimers.Apply(watches).Select(timer => timer.AsFiling()));
    }

    /// <summary>Stores the operation's state and what it produced (in the next group write), then delivers that.</summary>
    private async Task Commit(StudioChanges changes)
    {
        // Still the operation's synchronous turn: its outbox entries are queued in the order its events were numbered.
        Escalations(changes).Observe(changes.Events); // escalations follow what the operation did to conflicts
        if (changes.Events.Any(e => e is WorkItemDeclared or WorkItemCompleted or ConflictClosed or ConflictWithdrawn or InitiativeDeclared)) LeaveFinishedWork();
        SetSlaTimers(changes);
        State.Pending.Add(changes, OrchestrationTelemetry.CurrentTraceParent);
        try
        {
            await RegisterNeededReminders();
            await _writes.WriteAsync();
        }
        catch
        {
            // Not stored, so it did not happen: drop this activation and its unstored changes; the next call reloads
            // what storage holds (and a retry with the same id is then applied, not taken for a duplicate).
            _unstoredChange = true;
            DeactivateOnIdle();
            throw;
        }

        OrchestrationTelemetry.Record(changes.Events);
        OrchestrationTelemetry.Update(StudioId, new OrchestrationTelemetry.StudioGauges(State.CurrentStrategy?.Version ?? 0, State.Agents.Count, State.Projects.Count));
        await DeliverPending();

    }

    /// <summary>
    /// One group write: a copy of the live state, taken now (before the first await), so the operations that run
    /// while it is in flight never change what is being serialized; their changes go in the next write.
    /// </summary>
    private async Task WriteSnapshot()
    {
        if (_unstoredChange)
            throw new InvalidOperationException($"Studio '{StudioId}' is reloading after a failed write; retry the request.");
        if (State.OpenBooks.FileChanges(State.Pending.Filings) is { } openPages) State.OpenPages = openPages;
        var through = _delivered + State.Pending.Mark();
        var (delivered, fed) = (_delivered, State.Inboxes.Fed);
        state.State = copier.Copy(State);
        await OrchestrationTelemetry.Step("write", state.WriteStateAsync);
        _storedThrough = through;
        (_deliveredAtLastWrite, _fedAtLastWrite) = (delivered, fed);
    }

    /// <summary>A retry stored nothing new; it re-sends the messages whose first sending may have been lost.</summary>
    private Task SendUnstored(StudioChanges changes) => _delivery.Resend(changes.Messages);

    /// <summary>What the studio may hold (configuration section "Limits").</summary>
    private StudioLimits Allowed => limits.Value;

    /// <summary>
    /// A report wherever it is: open in the index, resolved and waiting in the outbox, or filed in its own grain. The
    /// last is what makes a retry of a report resolved years ago a duplicate rather than a new report.
    /// </summary>
    private async Task<ReportRecord?> FindReport(string reportId) =>
        State.OpenReports.GetValueOrDefault(reportId)
        ?? await Filed<ReportRecord>(RecordKeys.Report(reportId));

    /// <summary>Days from report to resolution, for the risk-resolution metric over every risk ever resolved.</summary>
    private void CountResolvedRisk(ReportRecord report)
    {
        if (report is { Kind: ReportKind.Risk, Resolution: { } resolution })
            State.RiskResolutionDays = State.RiskResolutionDays.Add((resolution.ResolvedAt - report.ReportedAt).TotalDays);
    }

    /// <summary>Which page holds each filed id (see <see cref="RecordIndex"/>).</summary>
    private RecordIndex _records = null!;

    /// <summary>
    /// A record that left an index: still in the outbox, or filed in a page the record index names (an id it does not
    /// know was never filed, and costs no read). Calls interleave, so what was filed while a page was read is looked
    /// for again once the answer is in: the newer filing wins.
    /// </summary>
    private async Task<T?> Filed<T>(string id) where T : class
    {
        if (FiledNow<T>(id) is { } now) return now;
        foreach (var page in _records.PagesOf(id).ToList())
            if ((await GrainFactory.GetGrain<IRecordGrain<RecordPage>>(RecordPage.Key(StudioId, page)).Get())?.Find<T>(id) is { } found)
                return FiledNow<T>(id) ?? found;
        if (State.Records.LegacyRecordGrains && await GrainFactory.GetGrain<IRecordGrain<T>>(RecordKeys.Key(StudioId, id)).Get() is { } legacy)
            return FiledNow<T>(id) ?? legacy;
        return FiledNow<T>(id);
    }

    /// <summary>The record index: its sealed chunks, then the parts sealed since, read side by side, then the tail the
    /// state keeps.</summary>
    private async Task LoadRecordIndex()
    {
        var pieces = Enumerable.Range(0, State.Records.SealedChunks).Select(c => (Chunk: c, Part: (int?)null))
            .Concat(Enumerable.Range(0, State.Records.SealedParts).Select(p => (Chunk: State.Records.SealedChunks, Part: (int?)p)));
        foreach (var batch in pieces.Chunk(32))
        {
            var read = await Task.WhenAll(batch.Select(p => GrainFactory.GetGrain<IRecordGrain<RecordIndexChunk>>(RecordIndex.Key(StudioId, p.Chunk, p.Part)).Get()));
            foreach (var (piece, at) in read.Zip(batch))
                _records.Load(piece ?? throw new InvalidOperationException($"Studio '{StudioId}': record index {at.Chunk}.{at.Part?.ToString() ?? "all"} is missing from storage"));
        }

        _records.LoadTail();
    }

    /// <summary>A record filed under <paramref name="id"/> that this activation can see without a call: in the
    /// outbox, or among the filings it delivered last.</summary>
    private T? FiledNow<T>(string id) where T : class =>
        State.Pending.Filed<T>(id) ?? (_recentlyDelivered.TryGetValue((id, typeof(T)), out var record) ? record as T : null);

    /// <summary>Agent id → directory page; a new agent takes the next place, so pages fill in the order agents join.</summary>
    private readonly Dictionary<string, int> _agentPages = new(StringComparer.Ordinal);

    private void FileAgent(AgentProfile profile, List<Filing> filings)
    {
        if (!_agentPages.TryGetValue(profile.AgentId, out var page)) _agentPages[profile.AgentId] = page = _agentPages.Count / AgentDirectoryPageGrain.Size;
        filings.Add(new Filing(AgentDirectoryPageGrain.Id(page), profile));
    }

    /// <summary>The studio's agents, page by page, then the registrations still waiting in the outbox.</summary>
    private async Task LoadAgentDirectory()
    {
        for (var page = 0; ; page++)
        {
            var agents = await GrainFactory.GetGrain<IAgentDirectoryPageGrain>(RecordKeys.Key(StudioId, AgentDirectoryPageGrain.Id(page))).Get();
            foreach (var agent in agents)
            {
                State.Agents[agent.AgentId] = agent;
                _agentPages[agent.AgentId] = page;
            }

            if (agents.Count < AgentDirectoryPageGrain.Size) break;
        }

        foreach (var filing in State.Pending.Filings)
            if (filing.Record is AgentProfile agent && AgentDirectoryPageGrain.PageOf(filing.Id) is { } page)
            {
                State.Agents[agent.AgentId] = agent;
                _agentPages[agent.AgentId] = page;
            }
    }

    private void RequireRegistered(string? agentId, string field)
    {
        if (!State.Agents.ContainsKey(Require.Id(agentId, field)))
            throw new InvalidRequestException(field, $"agent '{agentId}' is not registered with studio '{StudioId}'");
    }

    private ReportAcknowledged Acknowledgement(ReportRecord report, DateTimeOffset now) => new(
        ReportAcknowledged.MessageIdFor(report.ReportId), StudioId, report.AgentId, now,
        $"Your {report.Kind.ToString().ToLowerInvariant()} {report.ReportId} is recorded; owner: {report.Owner}",
        report.ReportId, report.Kind);

    private ReportClosed Closure(ReportRecord report, DateTimeOffset now) => new(
        ReportClosed.MessageIdFor(report.ReportId), StudioId, report.AgentId, now,
        $"Your {report.Kind.ToString().ToLowerInvariant()} {report.ReportId} is resolved: {report.Resolution!.Resolution}",
        report.ReportId, report.Kind, report.Resolution);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} ({Kind}, {Hosting}) registered")]
    private partial void LogAgentRegistered(string agentId, string kind, AgentHosting hosting);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {ReportId} raised by {AgentId} ({Severity})")]
    private partial void LogReportRaised(ReportKind kind, string reportId, string agentId, Severity severity);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {ReportId} resolved by {ResolvedBy}")]
    private partial void LogReportResolved(ReportKind kind, string reportId, string resolvedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy v{Version} published to {Agents} agents")]
    private partial void LogStrategyPublished(int version, int agents);
}
