using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Interfaces.Producer;

/// <summary>The studio at a glance.</summary>
[GenerateSerializer, Immutable, Alias("orch.StudioOverview")]
public sealed record StudioOverview(
    string StudioId,
    int Agents,
    int OpenBlockers,
    int OpenRisks,
    StudioStrategy? Strategy,
    long EventsPublished,
    int ActiveConflicts = 0,
    int PendingDecisions = 0,
    int OpenHandoffs = 0,
    int UndeclaredProjects = 0);
