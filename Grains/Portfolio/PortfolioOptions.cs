using Orchestration.Grains.Interfaces.Escalations;

namespace Orchestration.Grains.Portfolio;

/// <summary>Cadences, SLAs, thresholds and metric targets of the portfolio (configuration section "Portfolio").</summary>
public sealed class PortfolioOptions
{
    /// <summary>The normal health review cadence.</summary>
    public TimeSpan ReviewPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The check-in cadence of a project under intervention.</summary>
    public TimeSpan CheckInPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Consecutive red reviews that trigger an intervention.</summary>
    public int RedReviewsBeforeIntervention { get; set; } = 2;

    /// <summary>Consecutive green reviews after which an intervention ends and the project returns to the weekly cadence.</summary>
    public int GreenReviewsToRecover { get; set; } = 2;

    /// <summary>Projects sharing an open blocker category before it is flagged as systemic.</summary>
    public int SystemicProjectThreshold { get; set; } = 3;

    /// <summary>Owner utilisation at or above which an intervention adds resources rather than descoping.</summary>
    public double OverloadedUtilization { get; set; } = 0.9;

    /// <summary>The response each escalation class promises (seed: blocker 4 h, request 24 h, conflict 48 h, incident at once).</summary>
    public Dictionary<EscalationClass, TimeSpan> Sla { get; set; } = new()
    {
        [EscalationClass.AgentBlocker] = TimeSpan.FromHours(4),
        [EscalationClass.StakeholderRequest] = TimeSpan.FromHours(24),
        [EscalationClass.StrategicConflict] = TimeSpan.FromHours(48),
        [EscalationClass.CriticalIncident] = TimeSpan.FromMinutes(15),
    };

    /// <summary>
    /// Who is told as a missed SLA goes unanswered: step 1 when the SLA is missed (level 2), each next step that long
    /// after the miss, and nothing after the last (the ladder is bounded). Configured as
    /// <c>Portfolio:Ladder:0:After</c>, <c>Portfolio:Ladder:0:Notify</c>, …; replacing it replaces the whole ladder.
    /// </summary>
    public List<LadderStep> Ladder { get; set; } =
    [
        new() { After = TimeSpan.Zero, Notify = "studio-producer" },
        new() { After = TimeSpan.FromHours(24), Notify = "head-of-studio" },
        new() { After = TimeSpan.FromHours(72), Notify = "executive-sponsor" },
    ];

    /// <summary>The currency the studio's revenue figures are in (decisions state money as "USD 200,000").</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>The least statistical power a shortened experiment may have to be offered as a way out of a conflict;
    /// below it, "shorten" is not an option, and the decision says so.</summary>
    public double MinimumPower { get; set; } = 0.5;

    /// <summary>How long an agent's work items may take to show a decision it acknowledged; past it, the conflict waits
    /// for a human and an escalation names the agent.</summary>
    public TimeSpan DecisionApplyWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many times a conflict may be raised (or decided again) on the same cause — a prerequisite late for
    /// the same item — before the next time waits for a human.</summary>
    public int ConflictRaisesBeforeHuman { get; set; } = 3;

    /// <summary>An objective is met when its score (mean key-result progress) reaches this.</summary>
    public double ObjectiveMetScore { get; set; } = 0.7;

    /// <summary>Overrides of metric targets by metric key (see docs/METRICS.md), e.g. "projects-on-track": 0.9.</summary>
    public Dictionary<string, double> Targets { get; set; } = [];

    public TimeSpan SlaFor(EscalationClass escalationClass) =>
        Sla.TryGetValue(escalationClass, out var sla) ? sla : TimeSpan.FromHours(4);
}

/// <summary>One step of the escalation ladder: how long after the missed SLA, and who is told.</summary>
public sealed class LadderStep
{
    public TimeSpan After { get; set; }

    public string Notify { get; set; } = "";
}
