using Microsoft.Extensions.Logging;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Reports;
using Orchestration.Grains.Strategy;

namespace Orchestration.Grains.Producer;

/// <summary>
/// The Studio Producer. Every change follows one path: validate (refuse before touching state), apply to state,
/// persist, then publish. A retried request (same id) finds its work already done, persists nothing, and re-sends
/// its stream message, which receivers apply once.
/// </summary>
public sealed partial class ProducerGrain(
    [PersistentState("producer", StudioStreams.Storage)] IPersistentState<ProducerState> state,
    AgentKindCatalog kinds,
    TimeProvider clock,
    ILogger<ProducerGrain> logger) : Grain, IProducerGrain
{
    private StudioOutbox _outbox = null!;

    private string StudioId => this.GetPrimaryKeyString();

    private ProducerState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Require.Id(StudioId, "studioId");
        _outbox = new StudioOutbox(this.GetStreamProvider(StudioStreams.Provider), StudioId);
        return Task.CompletedTask;
    }

    public async Task<RegistrationReceipt> RegisterAgent(AgentRegistration registration)
    {
        var existing = registration is null ? null : State.Agents.GetValueOrDefault(registration.AgentId ?? "");
        var profile = RegistrationRules.Evaluate(registration, existing, kinds, clock.GetUtcNow());
        if (profile == existing)
            return new RegistrationReceipt(profile, State.CurrentStrategy, WasDuplicate: true);

        State.Agents[profile.AgentId] = profile;
        var joined = new AgentJoined(StudioId, ++State.EventSequence, clock.GetUtcNow(),
            existing is null
                ? $"{profile.DisplayName} ({profile.Kind}, {profile.Hosting}) joined with capacity {profile.Capacity}"
                : $"{profile.DisplayName} ({profile.Kind}) updated its registration: capacity {profile.Capacity}",
            profile);
        await state.WriteStateAsync();

        LogAgentRegistered(profile.AgentId, profile.Kind, profile.Hosting);
        await _outbox.Publish(joined);
        return new RegistrationReceipt(profile, State.CurrentStrategy, WasDuplicate: false);
    }

    public Task<ReportReceipt> ReportBlocker(BlockerReport report) =>
        Raise(ReportRules.Blocker(report, clock.GetUtcNow()));

    public Task<ReportReceipt> ReportRisk(RiskReport report) =>
        Raise(ReportRules.Risk(report, clock.GetUtcNow()));

    private async Task<ReportReceipt> Raise(ReportRecord report)
    {
        if (!State.Agents.ContainsKey(report.AgentId))
            throw new InvalidRequestException("report.agentId", $"agent '{report.AgentId}' is not registered with studio '{StudioId}'");

        var recorded = State.FindReport(report.ReportId);
        if (recorded is not null)
        {
            if (!ReportRules.SameReport(recorded, report))
                throw new InvalidRequestException("report.reportId", $"'{report.ReportId}' was already used for a different report");
            if (recorded.IsOpen) await _outbox.Send(Acknowledgement(recorded)); // the first ack may not have gone out
            return new ReportReceipt(recorded.ReportId, recorded.Kind, recorded.ReportedAt, WasDuplicate: true);
        }

        if (State.OpenReports.Count >= Limits.MaxOpenReports)
            throw new InvalidRequestException("report", $"studio '{StudioId}' already holds {Limits.MaxOpenReports} open reports; resolve some first");

        State.OpenReports[report.ReportId] = report;
        var raised = new ReportRaised(StudioId, ++State.EventSequence, report.ReportedAt,
            $"{report.Kind} {report.ReportId} from {report.AgentId} on {report.ProjectId} ({report.Severity}): {report.Summary}",
            report);
        await state.WriteStateAsync();

        LogReportRaised(report.Kind, report.ReportId, report.AgentId, report.Severity);
        await _outbox.Publish(raised);
        await _outbox.Send(Acknowledgement(report));
        return new ReportReceipt(report.ReportId, report.Kind, report.ReportedAt, WasDuplicate: false);
    }

    public async Task<ReportRecord> ResolveReport(ResolveReport request)
    {
        request = Require.Present(request, "request");
        var reportId = Require.Id(request.ReportId, "request.reportId");
        var recorded = State.FindReport(reportId)
            ?? throw new InvalidRequestException("request.reportId", $"no report '{reportId}' in studio '{StudioId}'");

        if (!recorded.IsOpen)
        {
            await _outbox.Send(Closure(recorded));
            return recorded;
        }

        var resolved = ReportRules.Resolve(recorded, request, clock.GetUtcNow());
        State.OpenReports.Remove(reportId);
        BoundedLog.Append(State.ResolvedReports, resolved, ProducerState.ResolvedReportsKept);
        var closed = new ReportResolved(StudioId, ++State.EventSequence, resolved.Resolution!.ResolvedAt,
            $"{resolved.Kind} {reportId} resolved by {resolved.Resolution.ResolvedBy}: {resolved.Resolution.Resolution}",
            resolved);
        await state.WriteStateAsync();

        LogReportResolved(resolved.Kind, reportId, resolved.Resolution.ResolvedBy);
        await _outbox.Publish(closed);
        await _outbox.Send(Closure(resolved));
        return resolved;
    }

    public async Task<StudioStrategy> PublishStrategy(StrategyChange change)
    {
        switch (StrategyRules.Evaluate(StudioId, change, State.Strategies, clock.GetUtcNow()))
        {
            case StrategyOutcome.AlreadyPublished(var earlier):
                await _outbox.Broadcast(new StrategyBroadcast(earlier.MessageId, earlier.IssuedAt, earlier));
                return earlier;

            case StrategyOutcome.Publish(var strategy):
                BoundedLog.Append(State.Strategies, strategy, ProducerState.StrategiesKept);
                var publishedEvent = new StrategyPublished(StudioId, ++State.EventSequence, strategy.IssuedAt,
                    $"Strategy v{strategy.Version} by {strategy.IssuedBy}: {strategy.Rationale}", strategy);
                await state.WriteStateAsync();

                LogStrategyPublished(strategy.Version, State.Agents.Count);
                await _outbox.Publish(publishedEvent);
                await _outbox.Broadcast(new StrategyBroadcast(strategy.MessageId, strategy.IssuedAt, strategy));
                return strategy;

            default:
                throw new InvalidOperationException("Unknown strategy outcome.");
        }
    }

    public Task<IReadOnlyList<AgentProfile>> GetAgents() =>
        Task.FromResult<IReadOnlyList<AgentProfile>>([.. State.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<ReportRecord>> GetOpenReports() =>
        Task.FromResult<IReadOnlyList<ReportRecord>>(
            [.. State.OpenReports.Values.OrderByDescending(r => r.Severity).ThenBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal)]);

    public Task<ReportRecord?> GetReport(string reportId) => Task.FromResult(State.FindReport(reportId ?? ""));

    public Task<StudioStrategy?> GetStrategy() => Task.FromResult(State.CurrentStrategy);

    public Task<StudioOverview> GetOverview() => Task.FromResult(new StudioOverview(
        StudioId,
        State.Agents.Count,
        State.OpenReports.Values.Count(r => r.Kind == ReportKind.Blocker),
        State.OpenReports.Values.Count(r => r.Kind == ReportKind.Risk),
        State.CurrentStrategy,
        State.EventSequence));

    private ReportAcknowledged Acknowledgement(ReportRecord report) => new(
        ReportAcknowledged.MessageIdFor(report.ReportId), StudioId, report.AgentId, clock.GetUtcNow(),
        $"Your {report.Kind.ToString().ToLowerInvariant()} {report.ReportId} is recorded; owner: {report.Owner}",
        report.ReportId, report.Kind);

    private ReportClosed Closure(ReportRecord report) => new(
        ReportClosed.MessageIdFor(report.ReportId), StudioId, report.AgentId, clock.GetUtcNow(),
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
