using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>What the conflict workflow keeps and reads: the work graph, its conflicts and their numbering, and the
/// strategy in force that decides them. The grain that owns the state implements it.</summary>
public interface IConflictBook
{
    /// <summary>Closed conflicts kept here as a view of the recent past; the journal keeps them all.</summary>
    public const int ClosedConflictsKept = 1_000;

    Dictionary<string, WorkItem> WorkItems { get; }

    Dictionary<string, Conflict> Conflicts { get; }

    long ConflictSequence { get; set; }

    long DecisionSequence { get; set; }

    StudioStrategy? CurrentStrategy { get; }
}
