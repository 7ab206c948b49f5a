using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Handoffs;

namespace Orchestration.Grains.Handoffs;

/// <summary>What the handoff workflow keeps and reads: handoffs, and the agents that may give and take them.</summary>
public interface IHandoffBook
{
    /// <summary>Settled handoffs kept here as a view of the recent past; the journal keeps them all.</summary>
    public const int SettledHandoffsKept = 1_000;

    Dictionary<string, HandoffRecord> Handoffs { get; }

    Dictionary<string, AgentProfile> Agents { get; }
}
