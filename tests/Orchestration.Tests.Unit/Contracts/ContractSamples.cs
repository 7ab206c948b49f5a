using Orchestration.Grains.Agents;
using Orchestration.Grains.Agents.ExperimentTracker;
using Orchestration.Grains.Agents.ProjectShipper;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.Llm;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Metrics;
using Orchestration.Grains.Producer;
using Orchestration.LlmAgents;
using Orchestration.LlmAgents.Reacting;

namespace Orchestration.Tests.Unit.Contracts;

/// <summary>One filled-in instance of every serializable contract and state type, every field set.</summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly Day = new(2026, 12, 15);

    public static readonly StudioStrategy Strategy =
        new("studio-1", 3, ["customer-commitments", "checkout"], ["no friday releases"], "Customers first", "ceo", At, "m-3");

    public static readonly AgentProfile Profile = new("shipper-1", AgentKinds.ProjectShipper, "Shipper", 3, AgentHosting.Hosted, At);

    public static readonly ReportResolution Resolution = new("producer", "Shipped on date", At.AddHours(2));

    public static readonly ReportRecord Report = new(
        "r-1", ReportKind.Risk, "shipper-1", "checkout", "Provider may slip", "A week late", Severity.High, "lead", At,
        Blocks: "launch", Likelihood: 0.25, Mitigation: "Fallback", Resolution: Resolution, Category: "vendors", Due: Day, EscalationId: "esc-9");

    public static readonly ReceivedMessage Received = new("ack:r-1", nameof(ReportAcknowledged), "producer/studio-1", At, "recorded");

    public static readonly CustomerCommitment Commitment = new("Acme", 40, Contractual: true);

    public static readonly Dependency Needs = new("exp-1", LeadDays: 3);

    public static readonly ReleasePlan Release = new("checkout-v2", "checkout", "One-page checkout", Day, ["customer-commitments"],
        Day.AddDays(-30), [Commitment], [Needs]);

    public static readonly ExperimentPlan Experiment = new("exp-1", "checkout", "Green CTA converts", Day, Day.AddDays(21), ["conversion"],
        ["control", "green"], 20_000, 250_000m, [new Dependency("onboarding-v3")]);

    public static readonly WorkItem Item = new("checkout-v2", WorkItemKind.Release, "shipper-1", "checkout", "One-page checkout",
        Day.AddDays(-30), Day, [Needs], RevenueAtStake: 0m, SampleSizeNeeded: 0, Commitments: [Commitment], Category: WorkCategory.TechnicalDebt);

    public static readonly BusinessImpact Impact = new(125_000m, 1, 40, 1, 21, 0.8);

    public static readonly ActionItem Action = new("decision-1:1", "shipper-1", "checkout-v2", WorkItemKind.Release, ActionKind.Descope,
        "Descope checkout-v2", At, Day.AddDays(-30), Day, "exp-1", ActionStatus.Done, At.AddHours(1));

    public static readonly ResolutionOption Option = new("descope-dependent", ResolutionKind.DescopeDependent, "Ship without it", Impact, [Action], 2.5);

    public static readonly Decision Decided = new("decision-1", "conflict-1", "descope-dependent", ResolutionKind.DescopeDependent,
        "Lowest cost", [new RejectedOption("delay-dependent", "breaks commitments")], "Plan it next", [Action], "policy", At, TimeSpan.FromHours(3),
        new DecisionOverride("cto", "customers first", "delay-dependent", At));

    public static readonly Conflict Conflicted = new("conflict-1", "studio-1", "exp-1", "exp-1", "checkout-v2", ["exp-1", "checkout-v2"], 21,
        "tracker-1", "shipper-1", "exp-1 slipped", At, At.AddHours(48), ConflictStatus.Decided, [Option], "close call", Decided,
        new Dictionary<string, DateTimeOffset> { ["shipper-1"] = At }, "superseded", "withdrawn", "descope-dependent", ["decision-0"]);

    public static readonly HandoffOffer Offer = new("winner:exp-1", HandoffKind.WinningExperiment, "tracker-1", "shipper-1", "exp-1", "checkout",
        "Implement green", new Dictionary<string, string> { ["winner"] = "green" }, 2);

    public static readonly HandoffRecord Handoff = new(Offer, HandoffStatus.Accepted, At, At.AddHours(1), "scheduled");

    public static readonly Milestone Beta = new("beta", Day, Done: true);

    public static readonly Intervention Rescue = new("intervention-checkout-1", InterventionKind.DescopeToMvp, "scope creep", "descope", At, 1, At.AddDays(9));

    public static readonly Project Checkout = new("checkout", "Checkout", ["shipper-1"], [Beta], "conversion", ProjectStatus.Red, "late",
        [new WeeklyStatus("2026-W48", ProjectStatus.Red, "late")], ReviewCadence.Daily, At, 2, Rescue, [Rescue], ["status-1"]);

    public static readonly Escalation Escalated = new("esc-1", EscalationClass.AgentBlocker, "b-1", "checkout", "blocked", "tracker-1", At, At.AddHours(4),
        EscalationStatus.Resolved, 2, [new SlaBreach(At.AddHours(4), At.AddHours(5), 1)], "producer", "shipper-1", At.AddHours(6), At.AddHours(7), At.AddHours(8), "done");

    public static readonly KeyResult Conversion = new("kr-1", "Checkout conversion", 2.0, 3.0, 2.5, "%");

    public static readonly Objective Grow = new("okr-1", "2026-Q4", "Grow conversion", [Conversion], ["2026-11-01 by ceo: kr-1 → 3 (market)"],
        new ObjectiveOutcome(0.5, false, At));

    public static readonly Retrospective Retro = new("2026-Q4", [Grow], 0.5, ["shipped"], ["plan less"], At);

    public static readonly MetricValue Metric = new("projects-on-track", "Projects On Track", "Project Health", MetricSource.Computed, 0.8, "%", ">= 85%",
        MetricStanding.OffTarget, MetricTrend.Down, 0.9, "compared");

    public static readonly MetricsReport Metrics = new(At, [Metric]);

    public static readonly CompletedWork Done = new("checkout-v2", WorkItemKind.Release, WorkCategory.TechnicalDebt, "shipper-1", "checkout", At);

    public static readonly SystemicIssue Systemic = new("requirements", ["a", "b", "c"], At, At.AddDays(3));

    public static readonly Initiative Conversion25 = new("init-1", "Increase conversion by 25%", Day, Day.AddDays(180), "okr-1", ["checkout-v2"]);

    public static StrategyBroadcast Broadcast => new("m-3", At, Strategy);

    public static readonly Credential Credential = new("c0123456789abcdef", "studio-1", "alice", CredentialRole.Approver, At, "olivia");

    public static IEnumerable<object> All()
    {
        yield return new InvalidRequestException("report.summary", "is required");
        yield return Severity.Critical;
        yield return AlertKind.SlaBreach;
        yield return NotificationChannel.Slack;
        yield return AgentHosting.External;
        yield return ReportKind.Blocker;
        yield return new AgentRegistration("llm-1", AgentKinds.ExperimentTracker, "LLM tracker", 2, AgentHosting.External);
        yield return Profile;
        yield return new JoinStudio("studio-1", "Shipper", 3);
        yield return Received;
        yield return new AgentSnapshot("shipper-1", AgentKinds.ProjectShipper, "studio-1", "Shipper", 3, Strategy, [1, 2, 3], [Received]);
        yield return Experiment;
        yield return Release;
        yield return new StrategyChange("m-3", 3, ["customer-commitments"], ["no friday releases"], "Customers first", "ceo");
        yield return Strategy;
        yield return new BlockerReport("b-1", "tracker-1", "checkout", "Needs 3 weeks", "checkout-v2", "Date at risk", Severity.High, "producer", "traffic");
        yield return new RiskReport("r-1", "shipper-1", "checkout", "Provider may slip", "A week late", Severity.Medium, "lead", 0.25, "Fallback", Day);
        yield return Report;
        yield return Resolution;
        yield return new ResolveReport("r-1", "producer", "Shipped on date");
        yield return new ReportReceipt("b-1", ReportKind.Blocker, At, WasDuplicate: true);
        yield return new RegistrationReceipt(Profile, Strategy, WasDuplicate: false);
        yield return new StudioOverview("studio-1", 2, 1, 1, Strategy, 42);
        yield return new ReportAcknowledged("ack:b-1", "studio-1", "tracker-1", At, "recorded", "b-1", ReportKind.Blocker);
        yield return new ReportClosed("closed:b-1", "studio-1", "tracker-1", At, "resolved", "b-1", ReportKind.Blocker, Resolution);
        yield return new StrategyBroadcast("m-3", At, Strategy);
        yield return new Orchestration.Grains.Interfaces.Streams.StreamKeys(["MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", "second"]);
        yield return new AgentJoined("studio-1", 1, At, "joined", Profile);
        yield return new ReportRaised("studio-1", 2, At, "raised", Report with { Resolution = null });
        yield return new ReportResolved("studio-1", 3, At, "resolved", Report);
        yield return new StrategyPublished("studio-1", 4, At, "published", Strategy);

        yield return WorkItemKind.Release;
        yield return Commitment;
        yield return Needs;
        yield return Item;
        yield return new WorkItemReceipt("exp-1", Changed: true, ["conflict-1"]);
        yield return ResolutionKind.ShortenPrerequisite;
        yield return Impact;
        yield return ActionKind.Reschedule;
        yield return ActionStatus.Overdue;
        yield return Action;
        yield return Option;
        yield return new RejectedOption("delay-dependent", "breaks commitments");
        yield return Decided.Override!;
        yield return Decided;
        yield return ConflictStatus.PendingDecision;
        yield return Conflicted;
        yield return new ApproveDecision("conflict-1", "delay-dependent", "cto", "learning first");
        yield return new OverrideDecision("conflict-1", "delay-dependent", "cto", "learning first");
        yield return new DecisionAcknowledgement("conflict-1", "decision-1", "shipper-1");
        yield return HandoffKind.PostLaunch;
        yield return HandoffStatus.Rejected;
        yield return Offer;
        yield return new HandoffResponse("winner:exp-1", "shipper-1", Accept: false, "at capacity");
        yield return Handoff;
        yield return new ExperimentConclusion("exp-1", "green", "Make the CTA green", 2, "shipper-1");
        yield return new WinnerHandoff("exp-1", "green", "Make the CTA green", 2, "winner:exp-1:2", "shipper-2", HandoffStatus.Rejected, 2, "at capacity");
        yield return new ReleaseShipped("checkout-v2", new Dictionary<string, string> { ["conversion"] = "3.1%" }, "Faster", "tracker-1");
        yield return new ReceivedHandoff(Offer, Accepted: true, "scheduled");
        yield return new DecisionIssued("decision-1:shipper-1", "studio-1", "shipper-1", At, "decided", "conflict-1", Decided, [Action]);
        yield return new ActionItemOverdue("overdue:decision-1:1", "studio-1", "shipper-1", At, "overdue", "conflict-1", Action);
        yield return new HandoffProposed("handoff:winner:exp-1", "studio-1", "shipper-1", At, "take it", Offer);
        yield return new HandoffConcluded("handoff-settled:winner:exp-1", "studio-1", "tracker-1", At, "taken", Handoff);
        yield return new WorkItemDeclared("studio-1", 5, At, "declared", Item, Item with { End = Day.AddDays(-1) });
        yield return new ConflictRaised("studio-1", 6, At, "raised", Conflicted);
        yield return new DecisionHeld("studio-1", 7, At, "held", "conflict-1", "close call");
        yield return new DecisionRecorded("studio-1", 8, At, "recorded", Decided, Option, ["tracker-1", "shipper-1"]);
        yield return new ConflictClosed("studio-1", 9, At, "closed", "conflict-1", ConflictStatus.Resolved);
        yield return new ConflictWithdrawn("studio-1", 10, At, "withdrawn", "conflict-1", "exp-1 is back on time");
        yield return new ConflictWithdrawnNotice("withdrawn:conflict-1:shipper-1", "studio-1", "shipper-1", At, "withdrawn", "conflict-1", "exp-1 is back on time");
        yield return new ActionItemFlagged("studio-1", 10, At, "flagged", "conflict-1", Action);
        yield return new HandoffOffered("studio-1", 11, At, "offered", Offer);
        yield return new HandoffSettled("studio-1", 12, At, "settled", Handoff);
        yield return new DecisionAcknowledged("studio-1", 13, At, "applied", "conflict-1", "decision-1", "shipper-1");
        yield return new ConflictReassessed("studio-1", 14, At, "reassessed", "conflict-1", 32);
        yield return new DecisionUnapplied("studio-1", 15, At, "unapplied", "conflict-1", "decision-1", ["tracker-1"], "tracker-1 acknowledged decision-1 but has not applied it");

        yield return ProjectStatus.Yellow;
        yield return ReviewCadence.Weekly;
        yield return InterventionKind.AddResources;
        yield return Beta;
        yield return new ProjectDeclaration("checkout", "Checkout", ["shipper-1"], [Beta], "init-1");
        yield return new StatusReport("status-1", "checkout", "shipper-1", ProjectStatus.Red, "late");
        yield return new WeeklyStatus("2026-W48", ProjectStatus.Green, "fine");
        yield return Rescue;
        yield return Checkout;
        yield return Systemic;
        yield return new HealthReviewResult(At, ["checkout"], ["checkout"], ["billing"], ["requirements"]);
        yield return EscalationClass.CriticalIncident;
        yield return EscalationStatus.Decided;
        yield return new SlaBreach(At, At.AddHours(1), 2);
        yield return Escalated;
        yield return new StakeholderRequest("req-1", "cfo", "Budget view", "checkout");
        yield return new EscalationAcknowledgement("esc-1", "producer", "shipper-1");
        yield return new EscalationResolution("esc-1", "producer", "answered");
        yield return new ResolvedIssue("issue-1", "shipper-1", "checkout", "infrastructure", "CI down", "restarted runner");
        yield return Conversion;
        yield return Grow;
        yield return Grow.Outcome!;
        yield return new KeyResultUpdate("u-1", "okr-1", "kr-1", 2.7);
        yield return new ObjectiveAdjustment("okr-1", new Dictionary<string, double> { ["kr-1"] = 3.5 }, "market", "ceo");
        yield return Retro;
        yield return new QuarterClose("2026-Q4", ["shipped"], ["plan less"]);
        yield return Conversion25;
        yield return MetricSource.Reported;
        yield return MetricStanding.Tracked;
        yield return MetricTrend.Flat;
        yield return new MetricSample("s-1", "customer-satisfaction", 52, "survey");
        yield return Metric;
        yield return Metrics;
        yield return WorkCategory.TechnicalDebt;
        yield return new WorkItemCompletion("checkout-v2", "shipper-1");
        yield return Done;
        yield return new AgentBrief("shipper-1", AgentKinds.ProjectShipper, "Shipper", 3, 2, 0.6667, 1, ["checkout"]);
        var subscription = new Subscription("execs", "executive-team", NotificationChannel.Email, ["ceo@example.com"], "stakeholder-update", 14, [AlertKind.DecisionTaken], null);
        var owed = new OutboxMessage("studio-1/execs/event-7", "execs", NotificationChannel.Webhook, ["https://hooks.example.com/x"], "Subject", "Text", "event 7", At, 2, At.AddMinutes(1), "500", null);
        yield return subscription;
        yield return owed;
        yield return new ChannelCounts(5, 1, 2, 1);
        yield return new NotificationsOverview([subscription], [owed], [owed with { DeadLetteredAt = At }],
            new Dictionary<NotificationChannel, ChannelCounts> { [NotificationChannel.Slack] = new(1, 0, 0, 0) }, 42);
        yield return new ProjectBrief("checkout", "Checkout", ProjectStatus.Red, ProjectStatus.Yellow, "late", ReviewCadence.Daily, [Escalated]);
        yield return new UpcomingMilestone("checkout", "Checkout", Beta);
        yield return new StudioBriefing("studio-1", At, At.AddDays(-7), [new AgentBrief("shipper-1", AgentKinds.ProjectShipper, "Shipper", 3, 2, 0.6667, 1, ["checkout"])],
            [new ProjectBrief("checkout", "Checkout", ProjectStatus.Red, null, "late", ReviewCadence.Weekly, [])], [Item], [Conflicted], [Escalated], [Conflicted],
            [Decided], [Grow], [Done], [Handoff], ["learned"], [Report], [new UpcomingMilestone("checkout", "Checkout", Beta)], [Systemic], Metrics,
            [new DecisionBrief(Decided, "checkout", "Ship on the committed date", Impact)],
            [new StatusChange("checkout", "Checkout", ProjectStatus.Green, ProjectStatus.Yellow, "late", "shipper-1", At)],
            [new BreachBrief(Escalated, new SlaBreach(At, At.AddHours(1), 1))],
            [new InterventionBrief("checkout", "Checkout", Rescue, At)], "EUR");
        yield return new DecisionBrief(Decided, null, null, null);
        yield return new StatusChange("checkout", "Checkout", null, ProjectStatus.Red, "late", null, At);
        yield return new BreachBrief(Escalated, new SlaBreach(At, At.AddHours(1), 2));
        yield return new InterventionBrief("checkout", "Checkout", Rescue, At);
        yield return new ProjectDeclared("studio-1", 20, At, "declared", "checkout", "Checkout", new ProjectDeclaration("checkout", "Checkout", ["shipper-1"], [Beta], "init-1"));
        yield return new ProjectStatusReported("studio-1", 21, At, "red", "checkout", ProjectStatus.Red, "late", "shipper-1");
        yield return new HealthReviewed("studio-1", 22, At, "reviewed", new HealthReviewResult(At, ["checkout"], [], [], []));
        yield return new InterventionChanged("studio-1", 23, At, "started", "checkout", Rescue);
        yield return new SystemicIssueFlagged("studio-1", 24, At, "flagged", Systemic);
        yield return new EscalationRaised("studio-1", 25, At, "raised", Escalated);
        yield return new EscalationChanged("studio-1", 26, At, "acknowledged", Escalated);
        yield return new EscalationBreached("studio-1", 27, At, "breached", Escalated, new SlaBreach(At, At.AddHours(1), 1));
        yield return new IssueSelfResolved("studio-1", 28, At, "cleared", new ResolvedIssue("issue-1", "shipper-1", "checkout", "infra", "CI", "fixed"));
        yield return new ObjectiveChanged("studio-1", 29, At, "set", Grow);
        yield return new QuarterClosed("studio-1", 30, At, "closed", Retro);
        yield return new InitiativeDeclared("studio-1", 31, At, "declared", Conversion25);
        yield return new WorkItemCompleted("studio-1", 32, At, "completed", Done);
        yield return new MetricSampled("studio-1", 33, At, "sampled", new MetricSample("s-1", "customer-satisfaction", 52, "survey"));
        yield return new InterventionDirective("intervention-checkout-1:start:shipper-1", "studio-1", "shipper-1", At, "descope", "checkout", Rescue, ReviewCadence.Daily);
        yield return new MetricSampleRecord(new MetricSample("s-1", "nps", 52, "survey"), At);

        // Grain state is serialized by every storage provider: it is a contract with the data at rest.
        yield return new ProducerState
        {
            LegacyAgents = { [Profile.AgentId] = Profile },
            LegacyOpenReports = { [Report.ReportId] = Report with { Resolution = null } },
            LegacyResolvedReports = [Report],
            Strategies = [Strategy],
            EventSequence = 7,
            WorkItems = { [Item.ItemId] = Item },
            Conflicts = { [Conflicted.ConflictId] = Conflicted },
            ConflictSequence = 1,
            DecisionSequence = 1,
            Handoffs = { [Offer.HandoffId] = Handoff },
            Projects = { [Checkout.ProjectId] = Checkout },
            LegacyEscalations = { [Escalated.EscalationId] = Escalated },
            OpenPages = { "open:reports:7", "open:escalations:12" },
            EscalationSequence = 1,
            SelfResolvedIssues = [new ResolvedIssue("issue-1", "shipper-1", "checkout", "infra", "CI", "fixed")],
            BlockersEscalated = 3,
            Objectives = { [Grow.ObjectiveId] = Grow },
            Initiatives = { [Conversion25.InitiativeId] = Conversion25 },
            Retrospectives = [Retro],
            MetricSamples = [new MetricSampleRecord(new MetricSample("s-1", "nps", 52, "survey"), At)],
            MetricHistory = [Metrics],
            LegacyCompletedWork = [Done],
            Completed = { [Done.ItemId] = Done },
            SelfResolvedCount = 5,
            ReportedMetrics = { ["nps"] = new MetricSeries(1, new MetricSampleRecord(new MetricSample("s-1", "nps", 52, "survey"), At)) },
            SystemicIssues = [Systemic],
            LastReviewAt = At,
            ProcessedUpdateIds = ["u-1"],
            Pending = Pending,
            RiskResolutionDays = new(2, 3.5),
            HandoffOutcomes = new(4, 1),
            RecentlyClosed = [Conflicted with { Status = ConflictStatus.Resolved }],
            DecisionVelocityDays = new(1, 0.5),
            Completions = Completions,
            Records = new Orchestration.Grains.Records.RecordIndexState { NextPage = 3, SealedChunks = 1, Tail = [new(99, 2)] },
            Inboxes = new Orchestration.Grains.Feeds.InboxLogState { Written = 4, Fed = 3 },
            LayoutVersion = ProducerState.CurrentLayout,
        };
        yield return Pending;
        yield return new RunningMean(3, 7.25);
        yield return new AgentMembershipState { StudioId = "studio-1" };
        yield return Completions;
        yield return new QuarterCompletions(3, 1, 1);
        yield return new RecordState<ReportRecord> { Record = Report };
        yield return new RecordState<Escalation> { Record = Escalated };
        yield return new RecordState<HandoffRecord> { Record = Handoff };
        yield return new RecordState<ResolvedIssue> { Record = new ResolvedIssue("issue-1", "shipper-1", "checkout", "infra", "CI", "fixed") };
        yield return new Filing("u-1", "u-1");
        yield return new Orchestration.Grains.Records.RecordPage([new Filing("r-1", Report), new Filing("esc-1", Escalated), new Filing("u-1", "u-1")]);
        yield return new Orchestration.Grains.Feeds.InboxBatch([new ReportAcknowledged("ack:b-1", "studio-1", "tracker-1", At, "recorded", "b-1", ReportKind.Blocker)]);
        yield return new Orchestration.Grains.Feeds.InboxLogState { Written = 9, Fed = 7 };
        yield return new Orchestration.Grains.Records.RecordIndexEntry(0xFEDC_BA98_7654_3210, 12);
        yield return new Orchestration.Grains.Records.RecordIndexChunk(2, [new(0xFEDC_BA98_7654_3210, 12), new(42, 13)], Part: 5);
        yield return new Orchestration.Grains.Records.RecordIndexState { NextPage = 14, SealedChunks = 3, SealedParts = 4, Tail = [new(7, 13)], LegacyRecordGrains = true };
        yield return new Orchestration.Grains.Escalations.EscalationWatch("esc-1", At.AddHours(4));
        yield return new Orchestration.Grains.Records.OpenEntry("r-1", Report with { Resolution = null });
        yield return new Orchestration.Grains.Records.OpenPageState { Records = { ["r-1"] = Report with { Resolution = null }, ["esc-1"] = Escalated } };
        yield return new Orchestration.Grains.Escalations.SlaTimerWatch(At.AddHours(4), On: true);
        yield return new AgentDirectoryPageState { Agents = [Profile] };
        yield return new MetricSeries(2, new MetricSampleRecord(new MetricSample("s-2", "nps", 55, "survey"), At), new MetricSampleRecord(new MetricSample("s-1", "nps", 52, "survey"), At));
        yield return new Orchestration.Grains.Handoffs.HandoffTally(3, 1);
        yield return new Orchestration.Grains.Journal.JournalSegmentState { Events = [new AgentJoined("studio-1", 1, At, "joined", Profile)] };
        yield return new JournalQuery(64, 100, ["DecisionRecorded"]);
        yield return new JournalPage("studio-1", [new AgentJoined("studio-1", 65, At, "joined", Profile)], 65, AtEnd: true);
        yield return FillAgent(new AgentState());
        yield return new Orchestration.Grains.Hosting.HealthProbeState { LastProbe = At };
        yield return new NotPermittedException("response.agentId", "only 'shipper-1' can answer handoff 'h-1'");
        yield return CredentialRole.Approver;
        yield return Credential;
        yield return new CredentialRequest("tracker-service", CredentialRole.Service, "olivia", Agents: ["tracker-1", "tracker-2"]);
        yield return new CallerIdentity("tracker-service", "studio-1", CredentialRole.Service, "c0123456789abcdef", ["tracker-1"]);
        yield return new IssuedCredential(Credential, "orch.c3R1ZGlvLTE.c0123456789abcdef.secret");
        yield return new CredentialRevocation("c0123456789abcdef", "olivia");
        yield return new Orchestration.Grains.Identity.StoredCredential(Credential with { Role = CredentialRole.Service, Agents = ["tracker-1", "*"] }, [9, 8, 7]);
        yield return new Orchestration.Grains.Feeds.FeedState<StrategyBroadcast> { Head = 65, Open = [Broadcast], RecentIds = ["m-65"] };
        yield return new Orchestration.Grains.Feeds.FeedSegment<InboxMessage>([new ReportAcknowledged("ack:b1", "studio-1", "agent-1", At, "recorded", "b1", ReportKind.Blocker)]);
        yield return new Orchestration.Grains.Interfaces.Feeds.FeedEntry<StrategyBroadcast>(3, Broadcast);
        yield return new Orchestration.Grains.Interfaces.Feeds.FeedPage<StrategyBroadcast>([new(3, Broadcast)], 3);
        yield return new Orchestration.Grains.Identity.CredentialsState
        {
            Credentials = { ["c0123456789abcdef"] = new Orchestration.Grains.Identity.StoredCredential(Credential with { RevokedAt = At, RevokedBy = "olivia" }, [1, 2, 3]) },
        };
        yield return FillAgent(new ProjectShipperState { ReleaseQueue = [Release], Shipped = [Release], Implementing = ["exp-9"] });
        yield return FillAgent(new ExperimentTrackerState { ExperimentQueue = [Experiment], Concluded = [Experiment] });
        var issued = new DecisionIssued("decision-1:tracker-1", "studio-1", "tracker-1", At, "decided", "conflict-1", Decided, [Action]);
        var waiting = new PendingReaction(issued.MessageId, nameof(DecisionIssued), "decided", issued, null, At, 2, At.AddMinutes(1), "the model did not finish within 90 s");
        var noted = new PendingReaction("strategy-v3", "StrategyBroadcast", "strategy v3", null, Strategy, At, 5, null, "no", At.AddHours(1));
        var reacted = new LlmReaction("decision-0:tracker-1", nameof(DecisionIssued), At, 1, ["acknowledged decision decision-0 of conflict-0"], "Done.", 2, 240, 60);
        yield return waiting;
        yield return reacted;
        yield return new LlmAgentReport([reacted], [waiting], [noted]);
        yield return FillAgent(new LlmAgentState { Pending = [waiting], DeadLetters = [noted], Applied = [reacted] });
        StagedCommand[] staged =
        [
            new StagedBlocker(new BlockerReport("b-1", "tracker-1", "checkout", "Needs 3 weeks", "checkout-v2", "Date at risk", Severity.High, "producer", "traffic")),
            new StagedRisk(new RiskReport("r-1", "tracker-1", "checkout", "Provider may slip", "A week late", Severity.Medium, "lead", 0.25, "Fallback", Day)),
            new StagedDeclaration(Item, "applying conflict-1:1"),
            new StagedAcknowledgement(new DecisionAcknowledgement("conflict-1", "decision-1", "tracker-1")),
            new StagedHandoffAnswer(Offer, new HandoffResponse("winner:exp-1", "shipper-1", Accept: true, "room for it")),
        ];
        foreach (var command in staged) yield return command;
        yield return new ReactionOutcome(issued.MessageId, 2, staged, "Applied.", null, 3, 240, 60);
    }

    private static PendingDelivery Pending => new()
    {
        Events = [new AgentJoined("studio-1", 8, At, "joined", Profile)],
        Messages = [new ReportAcknowledged("ack:b-1", "studio-1", "tracker-1", At, "recorded", "b-1", ReportKind.Blocker) { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }],
        Broadcasts = [new StrategyBroadcast("m-3", At, Strategy)],
        Filings =
        [
            new Filing("r-1", Report), new Filing("esc-1", Escalated), new Filing("request:q-1", Escalated), new Filing("h-1", Handoff),
            new Filing("issue:issue-2", new ResolvedIssue("issue-2", "shipper-1", "checkout", "infra", "CI", "fixed")),
            new Filing("sample:s-1", new MetricSampleRecord(new MetricSample("s-1", "nps", 52, "survey"), At)), new Filing("kr-update:u-1", "u-1"),
            new Filing("conflict-1", Conflicted with { Status = ConflictStatus.Resolved }), new Filing(Done.ItemId, Done),
        ],
    };

    private static CompletionTally Completions
    {
        get
        {
            var tally = new CompletionTally();
            tally.Add(Done);
            return tally;
        }
    }

    private static T FillAgent<T>(T state) where T : AgentState
    {
        state.StudioId = "studio-1";
        state.DisplayName = "Agent";
        state.Capacity = 2;
        state.Strategy = Strategy;
        state.AppliedStrategyVersions = [1, 3];
        state.Inbox = [Received];
        state.ProcessedMessageIds = ["ack:r-1"];
        state.ReceivedHandoffs = [new ReceivedHandoff(Offer, Accepted: true, "scheduled")];
        return state;
    }
}
