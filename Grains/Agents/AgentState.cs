using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Strategy;

namespace Orchestration.Grains.Agents;

/// <summary>What every hosted agent keeps; each kind extends it with its own work.</summary>
[GenerateSerializer, Alias("orch.AgentState")]
public class AgentState
{
    public const int InboxKept = 100;
    public const int ProcessedIdsKept = 1_000;
    public const int AppliedVersionsKept = 100;
    public const int HandoffsKept = 200;

    [Id(0)] public string? StudioId { get; set; }

    [Id(1)] public string DisplayName { get; set; } = "";

    [Id(2)] public int Capacity { get; set; }

    /// <summary>The strategy in force for this agent: the highest version it has received.</summary>
    [Id(3)] public StudioStrategy? Strategy { get; set; }

    /// <summary>Every strategy version applied, in the order applied: the proof that versions arrive once and in order.</summary>
    [Id(4)] public List<int> AppliedStrategyVersions { get; set; } = [];

    [Id(5)] public List<ReceivedMessage> Inbox { get; set; } = [];

    /// <summary>Inbox message ids already applied; streams deliver at least once.</summary>
    [Id(6)] public List<string> ProcessedMessageIds { get; set; } = [];

    /// <summary>Handoffs other agents offered this one, with its answer.</summary>
    [Id(7)] public List<ReceivedHandoff> ReceivedHandoffs { get; set; } = [];
}
