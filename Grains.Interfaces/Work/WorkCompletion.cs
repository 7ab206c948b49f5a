namespace Orchestration.Grains.Interfaces.Work;

[GenerateSerializer, Alias("orch.WorkCategory")]
public enum WorkCategory
{
    Feature = 1,
    TechnicalDebt = 2,
}

/// <summary>The owner says a work item is done: a release shipped, an experiment concluded.</summary>
[GenerateSerializer, Immutable, Alias("orch.WorkItemCompletion")]
public sealed record WorkItemCompletion(string ItemId, string AgentId);

/// <summary>A finished work item, as the delivery metrics count it.</summary>
[GenerateSerializer, Immutable, Alias("orch.CompletedWork")]
public sealed record CompletedWork(string ItemId, WorkItemKind Kind, WorkCategory Category, string OwnerAgentId, string ProjectId, DateTimeOffset CompletedAt);
