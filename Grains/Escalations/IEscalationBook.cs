using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Records;

namespace Orchestration.Grains.Escalations;

/// <summary>What the escalation workflow keeps and reads: escalations and their numbering, and the work items that
/// tell which project a conflict's escalation belongs to.</summary>
public interface IEscalationBook
{
    /// <summary>Resolved escalations kept here as a view of the recent past; each is filed in its own grain when it
    /// is resolved, and the journal keeps them all.</summary>
    const int ResolvedEscalationsKept = 25;

    /// <summary>Open escalations, and the most recently resolved.</summary>
    OpenIndex<Escalation> Escalations { get; }

    long EscalationSequence { get; set; }

    Dictionary<string, WorkItem> WorkItems { get; }
}
