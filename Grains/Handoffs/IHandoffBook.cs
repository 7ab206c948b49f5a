using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Handoffs;

namespace Orchestration.Grains.Handoffs;

/// <summary>What the handoff workflow keeps and reads: handoffs, and the agents that may give and take them.</summary>
public interface IHandoffBook
{
    /// <summary>Settled handoffs kept here as a view of the recent past; each is filed in its own grain when it
    /// settles, and the journal keeps them all.</summary>
    const int SettledHandoffsKept = 25;

    /// <summary>Open handoffs, and the most recently settled.</summary>
    Dictionary<string, HandoffRecord> Handoffs { get; }

    /// <summary>How every handoff the studio ever settled ended.</summary>
    HandoffTally HandoffOutcomes { get; set; }

    Dictionary<string, AgentProfile> Agents { get; }
}
