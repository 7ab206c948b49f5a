using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;

namespace Orchestration.Grains.Conflicts;

/// <summary>What the conflict workflow keeps and reads: the work graph, its conflicts and their numbering, and the
/// strategy in force that decides them. The grain that owns the state implements it.</summary>
public interface IConflictBook
{
    /// <summary>Closed conflicts kept in view; each is filed in its own grain, and the journal holds every event.</summary>
    const int RecentlyClosedKept = 25;

    Dictionary<string, WorkItem> WorkItems { get; }

    /// <summary>The active conflicts (open, held for a human, decided and not yet applied), by id.</summary>
    Dictionary<string, Conflict> Conflicts { get; }

    /// <summary>The most recently closed conflicts, oldest first.</summary>
    List<Conflict> RecentlyClosed { get; }

    /// <summary>Days from each conflict to its first decision, over the studio's whole life.</summary>
    RunningMean DecisionVelocityDays { get; set; }

    /// <summary>How many times a conflict was raised or decided again on each cause ("prerequisite>item"), while both
    /// are in the graph: past the studio's limit, the next one waits for a human.</summary>
    Dictionary<string, int> ConflictCauses { get; }

    /// <summary>Conflicts that must wait for a human whatever the policy would decide, with why (agents acknowledged
    /// the decision but did not apply it).</summary>
    Dictionary<string, string> HeldForHuman { get; }

    long ConflictSequence { get; set; }

    long DecisionSequence { get; set; }

    StudioStrategy? CurrentStrategy { get; }
}
