namespace Orchestration.Grains.Interfaces.Portfolio;

[GenerateSerializer, Alias("orch.ProjectStatus")]
public enum ProjectStatus
{
    Green = 1,
    Yellow = 2,
    Red = 3,
}

[GenerateSerializer, Alias("orch.ReviewCadence")]
public enum ReviewCadence
{
    /// <summary>The normal weekly health review.</summary>
    Weekly = 1,

    /// <summary>Daily check-ins while an intervention runs (seed Workflow 4).</summary>
    Daily = 2,
}

[GenerateSerializer, Alias("orch.InterventionKind")]
public enum InterventionKind
{
    DescopeToMvp = 1,
    ExtendTimeline = 2,
    AddResources = 3,
}

/// <summary>A dated goal of a project.</summary>
[GenerateSerializer, Immutable, Alias("orch.Milestone")]
public sealed record Milestone(string Name, DateOnly Due, bool Done = false);

/// <summary>Creates or updates a project: who owns it, which initiative it serves, its milestones.</summary>
[GenerateSerializer, Immutable, Alias("orch.ProjectDeclaration")]
public sealed record ProjectDeclaration(string ProjectId, string Name, IReadOnlyList<string> OwnerAgentIds, IReadOnlyList<Milestone> Milestones, string? InitiativeId = null);

/// <summary>An owning agent reports its project's status, with the reason. Idempotent by <see cref="ReportId"/>.</summary>
[GenerateSerializer, Immutable, Alias("orch.StatusReport")]
public sealed record StatusReport(string ReportId, string ProjectId, string AgentId, ProjectStatus Status, string Reason);

/// <summary>The status a project had in one ISO week (the last one reported that week).</summary>
[GenerateSerializer, Immutable, Alias("orch.WeeklyStatus")]
public sealed record WeeklyStatus(string Week, ProjectStatus Status, string Reason);

/// <summary>A recovery plan for a project red two reviews running, chosen from the project's data.</summary>
[GenerateSerializer, Immutable, Alias("orch.Intervention")]
public sealed record Intervention(
    string InterventionId, InterventionKind Kind, string Diagnosis, string Plan, DateTimeOffset StartedAt,
    int GreenReviews = 0, DateTimeOffset? RecoveredAt = null);

/// <summary>A project as the studio tracks it.</summary>
[GenerateSerializer, Immutable, Alias("orch.Project")]
public sealed record Project(
    string ProjectId,
    string Name,
    IReadOnlyList<string> OwnerAgentIds,
    IReadOnlyList<Milestone> Milestones,
    string? InitiativeId,
    ProjectStatus Status,
    string StatusReason,
    IReadOnlyList<WeeklyStatus> History,
    ReviewCadence Cadence,
    DateTimeOffset? LastReviewAt,
    int ConsecutiveRedReviews,
    Intervention? Intervention,
    IReadOnlyList<Intervention> PastInterventions,
    IReadOnlyList<string> ProcessedReportIds);

/// <summary>A problem several projects share (the same blocker category), flagged once while it lasts.</summary>
[GenerateSerializer, Immutable, Alias("orch.SystemicIssue")]
public sealed record SystemicIssue(string Category, IReadOnlyList<string> ProjectIds, DateTimeOffset FlaggedAt, DateTimeOffset? ClearedAt = null);

/// <summary>What one health review did.</summary>
[GenerateSerializer, Immutable, Alias("orch.HealthReviewResult")]
public sealed record HealthReviewResult(
    DateTimeOffset At, IReadOnlyList<string> Reviewed, IReadOnlyList<string> InterventionsStarted,
    IReadOnlyList<string> Recovered, IReadOnlyList<string> SystemicIssuesFlagged, IReadOnlyList<string>? UndeclaredProjects = null);
