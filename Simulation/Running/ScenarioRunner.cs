using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.Llm;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Briefings;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.LlmAgents;
using Orchestration.Notifications;
using Orchestration.Notifications.Delivery;
using Orchestration.Simulation.Scenarios;
using Orleans.TestingHost;

namespace Orchestration.Simulation.Running;

/// <summary>
/// Plays a scenario through the real grains on an in-process Orleans cluster whose studio clock is virtual. Time
/// jumps from one moment that matters to the next — a timeline step, the daily review tick, an SLA or an action
/// item falling due — and at each the runner calls the same periodic methods the reminders call in production
/// (health review, SLA check, follow-up), then waits for the agents' reactions to settle before time moves on.
/// </summary>
public sealed class ScenarioRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan ReactionTimeout = TimeSpan.FromSeconds(10);

    /// <param name="configureSilo">Changes to the silo's settings for this run (a replay's changed SLAs, say).</param>
    public static async Task<SimulationResult> RunAsync(Scenario scenario, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureSilo = null)
    {
        var clock = new FakeTimeProvider(scenario.StartInstant);
        var gate = new ReactionGate(scenario.Agents.Where(a => a.Hosting == AgentHosting.Hosted).Select(a => a.Id).ToHashSet(StringComparer.Ordinal));
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        // The run plays every part — agents, operators, approvers — so it acts with a root credential of its own.
        var root = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var delivery = new SimulatedDelivery(clock);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.Configure<Orchestration.Grains.Identity.IdentityOptions>(o => o.RootKey = root);
            silo.AddMemoryGrainStorage(StudioStreams.Storage)
                .AddMemoryGrainStorage(StudioStreams.PubSubStore)
                .AddMemoryStreams(StudioStreams.Provider, streams => streams.ConfigurePullingAgent(agent =>
                    agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(2))))
                .UseInMemoryReminderService();
            silo.Services.AddOrchestrationGrains(clock);
            // The studio's notifications play on virtual time: the run ticks them, and they are delivered to the timeline.
            silo.Services.AddOptions<NotificationOptions>().Configure(o =>
            {
                o.Timers = false;
                foreach (var secret in (scenario.Subscriptions ?? []).Select(s => s.Secret).OfType<string>()) o.Secrets[secret] = "a simulated key, never sent";
            });
            silo.Services.AddSingleton<INotificationSender>(delivery);
            // LLM agents (where the caller registers the kind with a model) react when the run ticks them, on virtual time.
            silo.Services.PostConfigure<LlmAgentOptions>(o => o.Timers = false);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(new ReactionGate.Filter(gate));
            silo.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
            configureSilo?.Invoke(silo.Services);
        });
        builder.ConfigureClient(client =>
        {
            client.AddOrchestrationStreams().UseOrchestrationCredential(Orchestration.Grains.Interfaces.Identity.OrchestrationIdentity.RootPrefix + root);
            client.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var run = new Run(scenario, new StudioClient(cluster.Client, $"sim-{scenario.Name}"), clock, gate, delivery, progress);
        return await run.PlayAsync(cancellationToken);
    }

    private sealed class Run(Scenario scenario, StudioClient studio, FakeTimeProvider clock, ReactionGate gate, SimulatedDelivery delivery, IProgress<SimulationProgress>? progress)
    {
        private readonly List<StudioEvent> _events = [];
        private readonly List<TimelineEntry> _steps = [];
        private readonly Lock _gate = new();

        /// <summary>The run's cancellation, for the steps that settle the studio before they call into an agent.</summary>
        private CancellationToken _cancellation;
        private int _strategyVersion;

        private DateTimeOffset Start => scenario.StartInstant;

        private TimeSpan Elapsed => clock.GetUtcNow() - Start;

        public async Task<SimulationResult> PlayAsync(CancellationToken cancellationToken)
        {
            _cancellation = cancellationToken;
            await using var feed = await studio.WatchEventsAsync(e =>
            {
                // At least once, in order: a re-delivered event is skipped.
                lock (_gate)
                    if (_events.Count == 0 || e.Sequence > _events[^1].Sequence) _events.Add(e);
                return Task.CompletedTask;
            });

            await SetUp();
            await SettleAsync(cancellationToken);

            var end = Start + scenario.Duration;
            var pending = new Queue<TimelineStep>(scenario.Timeline);
            // The daily review ticks at 09:00 (a replay may start earlier in the day).
            var nextTick = new DateTimeOffset(scenario.Start.ToDateTime(Scenario.DefaultStartTime), TimeSpan.Zero);
            if (nextTick < Start) nextTick = nextTick.AddDays(1);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var due = await NextDueAsync();
                var next = new[] { pending.Count > 0 ? Start + pending.Peek().At : (DateTimeOffset?)null, nextTick, due }
                    .Where(t => t is { } v && v >= clock.GetUtcNow() && v <= end).Min();
                if (next is not { } at) break;
                clock.SetUtcNow(at);

                while (pending.Count > 0 && Start + pending.Peek().At <= at) await PlayAsync(pending.Dequeue(), cancellationToken);
                if (at >= nextTick)
                {
                    await studio.Portfolio.RunHealthReview();
                    nextTick = nextTick.AddDays(1);
                }

                await studio.Escalations.CheckEscalationSlas();
                await studio.WorkGraph.FollowUpActionItems();
                await SettleAsync(cancellationToken);
                await studio.Notifications.Tick();
                lock (_gate) progress?.Report(new SimulationProgress(Elapsed, scenario.Duration, _events.Count));
            }

            clock.SetUtcNow(end);
            await SettleAsync(cancellationToken);
            await studio.Notifications.Tick();
            var metrics = await studio.Portfolio.GetMetrics();
            List<StudioEvent> events;
            lock (_gate) events = [.. _events];
            // At one instant, in causal order: the step, then what it caused in the order the studio numbered it (the
            // slip before the conflict it raised), then what the run noted (a refusal, a stall).
            var timeline = events
                .Select(e => (Entry: scenario.Entry(e.At - Start, e.GetType().Name, e.Summary), Rank: 1, e.Sequence))
                .Concat(_steps.Select(t => (Entry: t, Rank: t.Type == "Step" ? 0 : 2, Sequence: 0L)))
                .Concat(delivery.Delivered.Select(m => (Entry: scenario.Entry(m.At - Start, "Notified", $"{m.SubscriptionId} ({m.Channel.ToString().ToLowerInvariant()}) to {string.Join(", ", m.To)}: {m.Subject}"), Rank: 3, Sequence: 0L)))
                .OrderBy(x => x.Entry.At).ThenBy(x => x.Rank).ThenBy(x => x.Sequence).ThenBy(x => x.Entry.Summary, StringComparer.Ordinal)
                .Select(x => x.Entry)
                .ToList();
            var expectations = await new ExpectationChecker(scenario, studio, events, metrics, delivery.Delivered).CheckAsync();
            List<ReportDocument> briefings = [];
            foreach (var kind in BriefingKind.All) briefings.Add(kind.Build(await studio.Portfolio.GetBriefing(kind.PeriodDays)));
            return new SimulationResult(scenario.Name, scenario.Seed, Start, end, timeline, expectations, metrics, events, briefings);
        }

        /// <summary>The studio the scenario describes. A declaration the studio refuses is the scenario's fault: it is
        /// reported on its line, and the run does not start.</summary>
        private async Task SetUp()
        {
            foreach (var agent in scenario.Agents)
                await Declared($"agent:{agent.Id}", () => agent.Hosting == AgentHosting.Hosted
                    ? studio.StartHostedAgentAsync(agent.Kind, agent.Id, agent.Name, agent.Capacity)
                    : studio.RegisterExternalAgentAsync(agent.Id, agent.Kind, agent.Name, agent.Capacity));

            if (scenario.Strategy is { } strategy) await Declared("strategy", () => PublishStrategy(strategy.Priorities, strategy.Constraints, strategy.Rationale));
            foreach (var objective in scenario.Objectives) await Declared($"objective:{objective.ObjectiveId}", () => studio.Portfolio.SetObjective(objective));
            foreach (var item in scenario.Work) await Declared($"work:{item.ItemId}", () => Declare(item, "planned"));
            foreach (var initiative in scenario.Initiatives) await Declared($"initiative:{initiative.InitiativeId}", () => studio.Portfolio.DeclareInitiative(initiative));
            foreach (var project in scenario.Projects) await Declared($"project:{project.ProjectId}", () => studio.Portfolio.DeclareProject(project));
            foreach (var subscription in scenario.Subscriptions ?? []) await Declared($"subscription:{subscription.SubscriptionId}", () => studio.Notifications.SetSubscription(subscription));
        }

        private async Task Declared(string declaration, Func<Task> declare)
        {
            try
            {
                await declare();
            }
            catch (InvalidRequestException refused)
            {
                throw (scenario.Source ?? new ScenarioSource(scenario.Name, new Dictionary<string, int>())).Refused(declaration, $"refused by the studio: {refused.Message}");
            }
        }

        /// <summary>Work goes through its owner when the owner is a hosted agent, so the agent's own plan stays the truth it acts on.</summary>
        private async Task<WorkItemReceipt> Declare(WorkItem item, string reason)
        {
            // An owner the scenario does not have (a replayed journal that lost its AgentJoined) is the studio's to refuse.
            if (scenario.Agents.FirstOrDefault(a => a.Id == item.OwnerAgentId) is not { } owner) return await studio.WorkGraph.DeclareWorkItem(item, reason);
            if (owner.Hosting == AgentHosting.Hosted && owner.Kind == AgentKinds.ExperimentTracker && item.Kind == WorkItemKind.Experiment)
            {
                await SettleAsync(_cancellation);
                var tracker = studio.HostedAgent<IExperimentTrackerGrain>(owner.Id);
                var planned = (await tracker.GetExperimentQueue()).FirstOrDefault(e => e.ExperimentId == item.ItemId);
                if (planned is not null && item.End > planned.PlannedEnd && item.Start == planned.Start)
                    return await tracker.ExtendExperiment(item.ItemId, item.End.DayNumber - planned.PlannedEnd.DayNumber, reason);
                return await tracker.PlanExperiment(new ExperimentPlan(item.ItemId, item.ProjectId, item.Title, item.Start, item.End, [], [],
                    item.SampleSizeNeeded, item.RevenueAtStake, item.DependsOn));
            }

            if (owner.Hosting == AgentHosting.Hosted && owner.Kind == AgentKinds.ProjectShipper && item.Kind == WorkItemKind.Release)
            {
                await SettleAsync(_cancellation);
                return await studio.HostedAgent<IProjectShipperGrain>(owner.Id).PlanRelease(new ReleasePlan(item.ItemId, item.ProjectId, item.Title, item.End, [],
                    item.Start, item.Commitments, item.DependsOn));
            }

            return await studio.WorkGraph.DeclareWorkItem(item, reason);
        }

        private async Task PlayAsync(TimelineStep step, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string Arg(string key) => step.Args.TryGetValue(key, out var v) && v is string s ? s
                : throw new ScenarioException(scenario.Name, step.Line, $"'{step.Action}' needs '{key}'");
            string? Opt(string key) => step.Args.TryGetValue(key, out var v) && v is string s ? s : null;
            List<string> List(string key) => step.Args.TryGetValue(key, out var v) ? v as List<object> is { } l ? [.. l.Cast<string>()] : [(string)v] : [];
            int Int(string key) => int.TryParse(Arg(key), out var n) ? n : throw new ScenarioException(scenario.Name, step.Line, $"'{key}' must be a whole number");
            double Number(string key) => double.TryParse(Arg(key), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n : throw new ScenarioException(scenario.Name, step.Line, $"'{key}' must be a number");
            var p = studio.Producer;

            _steps.Add(scenario.Entry(Elapsed, "Step", $"{step.Action} {string.Join(", ", step.Args.Where(a => a.Key is not ("@line" or "call" or "record")).Select(a => $"{a.Key}: {(a.Value is List<object> l ? $"[{string.Join(", ", l)}]" : a.Value)}"))}"));
            try
            {
                switch (step.Action)
                {
                    case "extend": // negative days take a slip back
                        var item = await WorkItemOf(step, Arg("item"));
                        await Declare(item with { End = item.End.AddDays(Int("days")) }, Opt("reason") ?? "extended");
                        break;
                    case "move": // the whole item, start and end, by days (negative: earlier)
                        var moved = await WorkItemOf(step, Arg("item"));
                        await Declare(moved with { Start = moved.Start.AddDays(Int("days")), End = moved.End.AddDays(Int("days")) }, Opt("reason") ?? "moved");
                        break;
                    case "depend": // adds or changes a dependency; drop: true removes it
                        var dependent = await WorkItemOf(step, Arg("item"));
                        var others = dependent.DependsOn.Where(d => d.ItemId != Arg("on")).ToList();
                        await Declare(dependent with
                        {
                            DependsOn = Opt("drop") == "true" ? others : [.. others, new Dependency(Arg("on"), Opt("lead") is null ? 0 : Int("lead"))],
                        }, Opt("reason") ?? (Opt("drop") == "true" ? $"no longer needs {Arg("on")}" : $"needs {Arg("on")}"));
                        break;
                    case "declare": // a whole work item, as a journal recorded it (replay; not in scenario files)
                        await Declare((WorkItem)step.Args["record"], Opt("reason") ?? "declared");
                        break;
                    case "input": // a recorded command, replayed as it was made (replay; not in scenario files)
                        await ((Func<StudioClient, Task>)step.Args["call"])(studio);
                        break;
                    case "project": // a whole project declaration, as a journal recorded it (replay)
                        await studio.Portfolio.DeclareProject((Grains.Interfaces.Portfolio.ProjectDeclaration)step.Args["record"]);
                        break;
                    case "status":
                        var project = (await studio.Portfolio.GetProjects()).FirstOrDefault(x => x.ProjectId == Arg("project"))
                            ?? throw new ScenarioException(scenario.Name, step.Line, $"no project '{Arg("project")}'");
                        await studio.Portfolio.ReportProjectStatus(new Grains.Interfaces.Portfolio.StatusReport($"status-{step.Line}-{(int)Elapsed.TotalMinutes}", project.ProjectId,
                            Opt("agent") ?? project.OwnerAgentIds[0], Enum.Parse<Grains.Interfaces.Portfolio.ProjectStatus>(Arg("status"), ignoreCase: true), Opt("reason") ?? Arg("status")));
                        break;
                    case "blocker":
                        await p.ReportBlocker(new Grains.Interfaces.Reports.BlockerReport(Arg("id"), Arg("agent"), Arg("project"), Opt("summary") ?? "blocked", Opt("blocks") ?? "the work",
                            Opt("impact") ?? "delays the project", Enum.Parse<Severity>(Opt("severity") ?? "Medium", true), Opt("owner") ?? "producer", Opt("category")));
                        break;
                    case "risk":
                        await p.ReportRisk(new Grains.Interfaces.Reports.RiskReport(Arg("id"), Arg("agent"), Arg("project"), Opt("summary") ?? "risk", Opt("impact") ?? "delays the project",
                            Enum.Parse<Severity>(Opt("severity") ?? "Medium", true), Opt("owner") ?? "producer", Opt("likelihood") is null ? 0.5 : Number("likelihood"), Opt("mitigation") ?? ""));
                        break;
                    case "resolve":
                        await p.ResolveReport(new Grains.Interfaces.Reports.ResolveReport(Arg("report"), Opt("by") ?? "producer", Opt("resolution") ?? "resolved"));
                        break;
                    case "self-resolved":
                        await studio.Portfolio.LogResolvedIssue(new ResolvedIssue(Arg("id"), Arg("agent"), Arg("project"), Opt("category") ?? "other", Opt("summary") ?? "issue", Opt("resolution") ?? "cleared"));
                        break;
                    case "strategy":
                        await PublishStrategy(List("priorities"), List("constraints"), Opt("rationale") ?? "strategy change");
                        break;
                    case "approve":
                        await studio.WorkGraph.ApproveDecision(new ApproveDecision(await ConflictOf(step, Opt("conflict"), Opt("impacted")), Arg("option"), Opt("by") ?? "producer", Opt("why") ?? "approved"));
                        break;
                    case "override":
                        await studio.WorkGraph.OverrideDecision(new OverrideDecision(await ConflictOf(step, Opt("conflict"), Opt("impacted")), Arg("option"), Opt("by") ?? "producer", Opt("why") ?? "overridden"));
                        break;
                    case "complete":
                        var done = (await studio.WorkGraph.GetWorkItems()).FirstOrDefault(i => i.ItemId == Arg("item"))
                            ?? throw new ScenarioException(scenario.Name, step.Line, $"no work item '{Arg("item")}'");
                        await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion(done.ItemId, done.OwnerAgentId));
                        break;
                    case "acknowledge":
                        var source = Arg("source");
                        var escalation = (await studio.Escalations.GetEscalations()).FirstOrDefault(e => e.SourceId == source || e.EscalationId == source)
                            ?? throw new ScenarioException(scenario.Name, step.Line, $"no escalation for '{source}'");
                        await studio.Escalations.AcknowledgeEscalation(new EscalationAcknowledgement(escalation.EscalationId, Opt("by") ?? "producer", Opt("assignee") ?? "producer"));
                        break;
                    case "request":
                        await studio.Escalations.RaiseStakeholderRequest(new StakeholderRequest(Arg("id"), Opt("stakeholder") ?? "stakeholder", Opt("summary") ?? "a request", Opt("project")));
                        break;
                    case "key-result":
                        await studio.Portfolio.UpdateKeyResult(new Grains.Interfaces.Okrs.KeyResultUpdate($"kr-{step.Line}", Arg("objective"), Arg("key-result"), Number("value")));
                        break;
                    case "sample":
                        await studio.Portfolio.ReportMetricSample(new Grains.Interfaces.Metrics.MetricSample($"sample-{step.Line}", Arg("metric"), Number("value"), Opt("source") ?? "scenario"));
                        break;
                    case "conclude": // a Tracker concludes an experiment and hands its winner on (again, after a rejection)
                        await Conclude(step, Arg("item"), Arg("to"), Opt("winner") ?? "winner", Opt("spec") ?? "implement the winner", Opt("priority") is null ? 3 : Int("priority"));
                        break;
                    case "ship": // a Shipper ships a release and hands its metrics and feedback to a Tracker
                        await Ship(step, Arg("item"), Arg("to"), Opt("feedback") ?? "as expected");
                        break;
                    case "answer": // the recipient of a handoff answers it (hosted recipients answer on their own)
                        var handoff = (await p.GetHandoffs()).Where(h => h.Offer.HandoffId == Arg("handoff") || h.Offer.ItemId == Arg("handoff")).LastOrDefault()
                            ?? throw new ScenarioException(scenario.Name, step.Line, $"no handoff '{Arg("handoff")}' at this point");
                        await p.RespondToHandoff(new Grains.Interfaces.Handoffs.HandoffResponse(handoff.Offer.HandoffId, handoff.Offer.ToAgentId,
                            (Opt("accept") ?? "true") == "true", Opt("reason") ?? ((Opt("accept") ?? "true") == "true" ? "accepted" : "declined")));
                        break;
                    case "close-quarter":
                        await studio.Portfolio.CloseQuarter(new Grains.Interfaces.Okrs.QuarterClose(Opt("quarter") ?? Grains.Okrs.OkrRules.QuarterOf(clock.GetUtcNow()), List("went-well"), List("to-change")));
                        break;
                }
            }
            catch (InvalidRequestException refused)
            {
                // A refusal is part of the story (the scenario may be testing it): it goes on the timeline, the run goes on.
                _steps.Add(scenario.Entry(Elapsed, "Refused", $"{step.Action} (line {step.Line}): {refused.Message}"));
            }
            catch (ScenarioException missing)
            {
                // Something the step names is not there at this point of the run (a conflict not raised, say): the same.
                _steps.Add(scenario.Entry(Elapsed, "Refused", $"{step.Action} (line {step.Line}): {missing.Problem}"));
            }
        }

        /// <summary>A hosted Tracker concludes through its grain (which keeps an unplaced winner and offers it again); an
        /// external one's winner is offered for it, under the next free handoff id, and its experiment completed.</summary>
        private async Task Conclude(TimelineStep step, string itemId, string to, string winner, string spec, int priority)
        {
            var owner = OwnerOf(step, itemId, WorkItemKind.Experiment);
            if (owner.Hosting == AgentHosting.Hosted && owner.Kind == AgentKinds.ExperimentTracker)
            {
                await SettleAsync(_cancellation);
                await studio.HostedAgent<IExperimentTrackerGrain>(owner.Id).ConcludeExperiment(new ExperimentConclusion(itemId, winner, spec, priority, to));
                return;
            }

            var offers = (await studio.Producer.GetHandoffs()).Count(h => h.Offer.ItemId == itemId && h.Offer.Kind == Grains.Interfaces.Handoffs.HandoffKind.WinningExperiment);
            await studio.Producer.OfferHandoff(new Grains.Interfaces.Handoffs.HandoffOffer(offers == 0 ? $"winner:{itemId}" : $"winner:{itemId}:{offers + 1}",
                Grains.Interfaces.Handoffs.HandoffKind.WinningExperiment, owner.Id, to, itemId, (await WorkItemOf(step, itemId, finished: true))?.ProjectId ?? "studio",
                $"{itemId} won with '{winner}': implement it", new Dictionary<string, string> { ["winner"] = winner, ["implementation-spec"] = spec }, priority));
            if (await WorkItemOf(step, itemId, finished: true) is not null) await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion(itemId, owner.Id));
        }

        private async Task Ship(TimelineStep step, string itemId, string to, string feedback)
        {
            var owner = OwnerOf(step, itemId, WorkItemKind.Release);
            var metrics = new Dictionary<string, string> { ["shipped-on"] = $"{clock.GetUtcNow():yyyy-MM-dd}" };
            if (owner.Hosting == AgentHosting.Hosted && owner.Kind == AgentKinds.ProjectShipper)
            {
                await SettleAsync(_cancellation);
                await studio.HostedAgent<IProjectShipperGrain>(owner.Id).ShipRelease(new ReleaseShipped(itemId, metrics, feedback, to));
                return;
            }

            var release = await WorkItemOf(step, itemId);
            await studio.Producer.OfferHandoff(new Grains.Interfaces.Handoffs.HandoffOffer($"post-launch:{itemId}", Grains.Interfaces.Handoffs.HandoffKind.PostLaunch,
                owner.Id, to, itemId, release.ProjectId, $"{itemId} shipped: release metrics and user feedback", new Dictionary<string, string>(metrics) { ["user-feedback"] = feedback }, 3));
            await studio.WorkGraph.CompleteWorkItem(new WorkItemCompletion(itemId, owner.Id));
        }

        private ScenarioAgent OwnerOf(TimelineStep step, string itemId, WorkItemKind kind)
        {
            var declared = scenario.Work.FirstOrDefault(w => w.ItemId == itemId)
                ?? throw new ScenarioException(scenario.Name, step.Line, $"no work item '{itemId}'");
            if (declared.Kind != kind) throw new ScenarioException(scenario.Name, step.Line, $"'{itemId}' is {declared.Kind.ToString().ToLowerInvariant()}, not {kind.ToString().ToLowerInvariant()}");
            return scenario.Agents.FirstOrDefault(a => a.Id == declared.OwnerAgentId)
                ?? throw new ScenarioException(scenario.Name, step.Line, $"'{itemId}' is owned by '{declared.OwnerAgentId}', not one of the scenario's agents");
        }

        private async Task<WorkItem?> WorkItemOf(TimelineStep step, string itemId, bool finished) =>
            finished ? await studio.WorkGraph.GetWorkItem(itemId) : await WorkItemOf(step, itemId);

        private async Task<WorkItem> WorkItemOf(TimelineStep step, string itemId) =>
            (await studio.WorkGraph.GetWorkItems()).FirstOrDefault(i => i.ItemId == itemId)
            ?? throw new ScenarioException(scenario.Name, step.Line, $"no work item '{itemId}'");

        private async Task<string> ConflictOf(TimelineStep step, string? conflictId, string? impacted)
        {
            if (conflictId is not null) return conflictId;
            var conflicts = await studio.WorkGraph.GetConflicts();
            return conflicts.Where(c => c.ImpactedItemId == impacted).OrderByDescending(c => c.RaisedAt).Select(c => c.ConflictId).FirstOrDefault()
                ?? throw new ScenarioException(scenario.Name, step.Line, $"no conflict about '{impacted}' at this point");
        }

        private Task PublishStrategy(IReadOnlyList<string> priorities, IReadOnlyList<string> constraints, string rationale) =>
            studio.PublishStrategyAsync(new StrategyChange($"strategy-{++_strategyVersion}", _strategyVersion, priorities, constraints, rationale, "scenario"));

        /// <summary>The next moment something falls due on its own: an escalation's SLA or an action item.</summary>
        private async Task<DateTimeOffset?> NextDueAsync()
        {
            var now = clock.GetUtcNow();
            var slas = (await studio.Escalations.GetEscalations()).Where(e => e.Status != EscalationStatus.Resolved && !e.Responded)
                .Select(e => e.Breached ? e.NextStepAt : e.DueAt).OfType<DateTimeOffset>(); // a miss, then the ladder's steps
            var actions = (await studio.WorkGraph.GetConflicts()).Where(c => c.Decision is not null)
                .SelectMany(c => c.Decision!.ActionItems).Where(a => a.Status == ActionStatus.Open).Select(a => a.Due);
            var retries = new List<DateTimeOffset>();
            foreach (var model in Models)
                retries.AddRange((await model.GetReactions()).Pending.Select(p => p.NextAttemptAt).OfType<DateTimeOffset>()); // a model's next attempt
            var next = slas.Concat(actions).Select(t => t + TimeSpan.FromMinutes(1)).Concat(retries).Where(t => t > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            return next == DateTimeOffset.MaxValue ? null : next;
        }

        /// <summary>
        /// Waits until the studio is quiet, exactly: every event published has reached the feed, and every reaction
        /// the run is owed has arrived — each hosted agent's acknowledgement of each decision issued to it, each hosted
        /// recipient's answer to a handoff. The agents' calls to the studio wait at the <see cref="ReactionGate"/>:
        /// once every agent that owes a reaction is waiting there, the first in id order goes on, and so on, so the
        /// reactions happen in one order on every run. Reactions can cascade (an applied decision can raise a new
        /// conflict), so the check repeats until nothing is owed or held. A reaction that never comes is reported on
        /// the timeline.
        /// </summary>
        private async Task SettleAsync(CancellationToken cancellationToken)
        {
            var hosted = scenario.Agents.Where(a => a.Hosting == AgentHosting.Hosted).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var published = (await studio.GetOverviewAsync()).EventsPublished;
                List<StudioEvent>? events = null;
                lock (_gate)
                {
                    if (_events.Count == published) events = [.. _events]; // copy only when everything has arrived
                }

                if (events is not null)
                {
                    var owed = Owed(events, hosted);
                    var waiting = await TickModelsAsync(owed);
                    if (waiting is null)
                    {
                        waited.Restart();
                        continue;
                    }

                    owed.RemoveAll(o => waiting.Contains(o.Agent)); // a model that failed waits for its next attempt, on virtual time
                    var held = gate.Held;
                    if (owed.All(o => held.Contains(o.Agent)) && gate.ReleaseNext())
                    {
                        waited.Restart();
                        continue;
                    }

                    if (owed.Count == 0 && held.Count == 0) return;
                    if (waited.Elapsed > ReactionTimeout)
                    {
                        _steps.Add(scenario.Entry(Elapsed, "Stalled", $"no reaction after {ReactionTimeout.TotalSeconds:0} s: {string.Join("; ", owed.Select(o => o.What))}"));
                        while (gate.ReleaseNext()) { } // let whatever waits go on, so the run can end
                        return;
                    }
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }

        /// <summary>The hosted LLM agents, whose models react when the run ticks them (in id order, so every run is the same).</summary>
        private IEnumerable<ILlmAgentGrain> Models => scenario.Agents
            .Where(a => a.Hosting == AgentHosting.Hosted && a.Kind == AgentKinds.LlmAgent)
            .Select(a => a.Id).Order(StringComparer.Ordinal).Select(studio.HostedAgent<ILlmAgentGrain>);

        /// <summary>Lets every LLM agent's model react to what is due. Null if one applied a reaction (the studio moved);
        /// otherwise the LLM agents owing a reaction whose model already failed at it and waits for a later attempt.</summary>
        private async Task<HashSet<string>?> TickModelsAsync(List<(string Agent, string What)> owed)
        {
            var applied = 0;
            foreach (var model in Models) applied += await model.Tick();
            if (applied > 0) return null;

            var waiting = new HashSet<string>(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            foreach (var agentId in owed.Select(o => o.Agent).Distinct())
            {
                if (scenario.Agents.FirstOrDefault(a => a.Id == agentId)?.Kind != AgentKinds.LlmAgent) continue;
                var reactions = await studio.HostedAgent<ILlmAgentGrain>(agentId).GetReactions();
                // An agent reacts oldest first: it waits while its oldest message waits; with none pending, it gave up.
                if (reactions.Pending is [var oldest, ..] ? oldest.NextAttemptAt > now : reactions.DeadLetters.Count > 0) waiting.Add(agentId);
            }

            return waiting;
        }

        private static List<(string Agent, string What)> Owed(List<StudioEvent> events, HashSet<string> hosted)
        {
            var owed = new List<(string, string)>();
            var acknowledged = events.OfType<DecisionAcknowledged>().Select(a => (a.DecisionId, a.AgentId)).ToHashSet();
            var latest = events.OfType<DecisionRecorded>().GroupBy(d => d.Decision.ConflictId).Select(g => g.Last());
            foreach (var recorded in latest)
                foreach (var agent in (recorded.IssuedTo ?? [.. recorded.Decision.ActionItems.Select(a => a.AgentId).Distinct()]).Where(hosted.Contains))
                    if (!acknowledged.Contains((recorded.Decision.DecisionId, agent))) owed.Add((agent, $"{agent} to apply {recorded.Decision.DecisionId}"));

            var settled = events.OfType<HandoffSettled>().Select(h => h.Handoff.Offer.HandoffId).ToHashSet(StringComparer.Ordinal);
            foreach (var offer in events.OfType<HandoffOffered>().Select(o => o.Offer).Where(o => hosted.Contains(o.ToAgentId) && !settled.Contains(o.HandoffId)))
                owed.Add((offer.ToAgentId, $"{offer.ToAgentId} to answer {offer.HandoffId}"));
            return owed;
        }
    }
}
