using Orchestration.Grains.Common;
using Orchestration.Grains.Conflicts;
using Orchestration.Grains.Escalations;
using Orchestration.Grains.Feeds;
using Orchestration.Grains.Handoffs;
using Orchestration.Grains.Health;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Metrics;
using Orchestration.Grains.Interfaces.Okrs;
using Orchestration.Grains.Interfaces.Portfolio;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Metrics;
using Orchestration.Grains.Records;

namespace Orchestration.Grains.Producer;

/// <summary>
/// The studio's state, one record per studio: its agents, open blockers and risks, strategies, work graph and
/// conflicts, handoffs, escalations and portfolio. Each capability sees only its own book of it
/// (<see cref="IConflictBook"/>, <see cref="IEscalationBook"/>, …). Resolved and closed records are kept in bounded
/// views of the recent past; the studio's journal keeps them all.
/// </summary>
[GenerateSerializer, Alias("orch.ProducerState")]
public sealed class ProducerState : IEventSequence, IConflictBook, IEscalationBook, IHandoffBook, IHealthBook
{
    public const int StrategiesKept = 100;
    public const int LogsKept = 2_000;

    /// <summary>Read from earlier layouts only, which kept every agent here; moved to the agent directory on load.</summary>
    [Id(0)] public Dictionary<string, AgentProfile> LegacyAgents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The studio's agents, in memory only: loaded from the agent directory's pages when the Producer
    /// activates, kept up to date by registrations, never written with this state (so its size does not grow with
    /// the number of agents).</summary>
    public Dictionary<string, AgentProfile> Agents => _agents;

    [NonSerialized] private readonly Dictionary<string, AgentProfile> _agents = new(StringComparer.Ordinal);

    /// <summary>The open reports, in memory only: loaded from their pages (<see cref="OpenIndex{T}"/>) when the Producer
    /// activates, changed by operations, stored a change at a time through the outbox, never written with this state.</summary>
    public OpenIndex<ReportRecord> OpenReports => _openReports;

    [NonSerialized] private readonly OpenIndex<ReportRecord> _openReports = new("reports");

    /// <summary>Read from layouts before 8 only, which kept the open reports here; moved to their pages on load.</summary>
    [Id(1)] public Dictionary<string, ReportRecord> LegacyOpenReports { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Read from studios stored by the first release only, which kept its last 1,000 resolved reports here.
    /// The next activation files them in their own grains (<c>{studio}/{reportId}</c>) and empties this list.</summary>
    [Id(2)] public List<ReportRecord> LegacyResolvedReports { get; set; } = [];

    /// <summary>Published strategies, oldest first; the last one is in force.</summary>
    [Id(3)] public List<StudioStrategy> Strategies { get; set; } = [];

    /// <summary>Sequence number of the last event published on the studio's event stream.</summary>
    [Id(4)] public long EventSequence { get; set; }

    /// <summary>The active work graph, by id: work not yet completed, and completed work that active work, an active
    /// conflict or an initiative still names (see <see cref="Work.ActiveGraph"/>). Finished work leaves it.</summary>
    [Id(5)] public Dictionary<string, WorkItem> WorkItems { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The active conflicts by id; a closed one is filed in its own grain.</summary>
    [Id(6)] public Dictionary<string, Conflict> Conflicts { get; set; } = new(StringComparer.Ordinal);

    [Id(7)] public long ConflictSequence { get; set; }

    [Id(8)] public long DecisionSequence { get; set; }

    /// <summary>Handoffs by id: all open ones, and the most recently settled.</summary>
    [Id(9)] public Dictionary<string, HandoffRecord> Handoffs { get; set; } = new(StringComparer.Ordinal);

    [Id(10)] public Dictionary<string, Project> Projects { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Escalations by id: all open ones, and the most recently resolved; in memory only, like
    /// <see cref="OpenReports"/>.</summary>
    public OpenIndex<Escalation> Escalations => _escalations;

    [NonSerialized] private readonly OpenIndex<Escalation> _escalations = new("escalations");

    /// <summary>Both open indexes, for the write that files their changes and the activation that loads them.</summary>
    public OpenBooks OpenBooks => _openBooks ??= new(_openReports, _escalations);

    [NonSerialized] private OpenBooks? _openBooks;

    /// <summary>Read from layouts before 8 only, which kept the escalations here; moved to their pages on load.</summary>
    [Id(11)] public Dictionary<string, Escalation> LegacyEscalations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The pages of the open indexes that were ever written to: what activation reads.</summary>
    [Id(38)] public SortedSet<string> OpenPages { get; set; } = new(StringComparer.Ordinal);

    [Id(12)] public long EscalationSequence { get; set; }

    /// <summary>Issues agents cleared themselves, the most recent (<see cref="RecentIssuesKept"/>); each is also filed in
    /// its own grain, and <see cref="SelfResolvedCount"/> counts them all.</summary>
    [Id(13)] public List<ResolvedIssue> SelfResolvedIssues { get; set; } = [];

    /// <summary>Blockers that were escalated, counted since the studio began (resolved ones leave the open index).</summary>
    [Id(14)] public long BlockersEscalated { get; set; }

    [Id(15)] public Dictionary<string, Objective> Objectives { get; set; } = new(StringComparer.Ordinal);

    [Id(16)] public Dictionary<string, Initiative> Initiatives { get; set; } = new(StringComparer.Ordinal);

    [Id(17)] public List<Retrospective> Retrospectives { get; set; } = [];

    /// <summary>Samples of the metrics reported from outside, oldest first.</summary>
    [Id(18)] public List<MetricSampleRecord> MetricSamples { get; set; } = [];

    /// <summary>The computed metrics at each health review, oldest first: what trends compare against.</summary>
    [Id(19)] public List<MetricsReport> MetricHistory { get; set; } = [];

    /// <summary>Read from earlier layouts only: the last 2,000 completions. Moved to <see cref="Completed"/> on load.</summary>
    [Id(20)] public List<CompletedWork> LegacyCompletedWork { get; set; } = [];

    [Id(21)] public List<SystemicIssue> SystemicIssues { get; set; } = [];

    [Id(22)] public DateTimeOffset? LastReviewAt { get; set; }

    /// <summary>Key result update ids already applied.</summary>
    [Id(23)] public List<string> ProcessedUpdateIds { get; set; } = [];

    /// <summary>What stored operations produced and is not yet delivered (see <see cref="PendingDelivery"/>).</summary>
    [Id(24)] public PendingDelivery Pending { get; set; } = new();

    /// <summary>Days from report to resolution of every risk the studio resolved.</summary>
    [Id(25)] public RunningMean RiskResolutionDays { get; set; } = new();

    [Id(26)] public HandoffTally HandoffOutcomes { get; set; } = new();

    /// <summary>The completed items still in the active graph, by item id (so they never count as active work); every
    /// completion is also filed in its own grain and counted in <see cref="Completions"/>.</summary>
    [Id(28)] public Dictionary<string, CompletedWork> Completed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Issues agents cleared themselves, counted for the studio's whole life (the blocker escalation rate).</summary>
    [Id(29)] public long SelfResolvedCount { get; set; }

    public const int RecentIssuesKept = 25;

    /// <summary>Recent ids kept for retries without a lookup (metric samples, key result updates); each is also filed.</summary>
    public const int RecentIdsKept = 25;

    /// <summary>Every reported metric's sample count and latest two samples, over the studio's whole life.</summary>
    [Id(30)] public Dictionary<string, MetricSeries> ReportedMetrics { get; set; } = new(StringComparer.Ordinal);

    [Id(31)] public List<Conflict> RecentlyClosed { get; set; } = [];

    [Id(32)] public RunningMean DecisionVelocityDays { get; set; } = new();

    /// <summary>Completions counted per quarter and per recent day, over the studio's whole life.</summary>
    [Id(33)] public CompletionTally Completions { get; set; } = new();

    /// <summary>Where closed records are filed: the record index's numbering, sealed chunks and unsealed tail.</summary>
    [Id(34)] public RecordIndexState Records { get; set; } = new();

    /// <summary>How far the inbox batches for external agents' feeds are written and fed.</summary>
    [Id(35)] public InboxLogState Inboxes { get; set; } = new();

    [Id(36)] public Dictionary<string, int> ConflictCauses { get; set; } = new(StringComparer.Ordinal);

    [Id(37)] public Dictionary<string, string> HeldForHuman { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The layout this state was stored in: 0 for the first release, which never wrote it (so it must
    /// default to 0 here, or a first-release state would read as current).</summary>
    [Id(27)] public int LayoutVersion { get; set; }

    /// <summary>5: closed records live in their own grains and agents in the directory's pages; the state keeps what is
    /// open, views of the recent past and running figures for the metrics. 6: closed conflicts and finished work
    /// leave the state too (the active work graph). 7: closed records are filed in pages, found through the record index.
    /// 8: open reports and escalations are kept in pages of their own (<see cref="OpenIndex{T}"/>).</summary>
    public const int CurrentLayout = 8;

    public StudioStrategy? CurrentStrategy => Strategies.Count > 0 ? Strategies[^1] : null;

}

