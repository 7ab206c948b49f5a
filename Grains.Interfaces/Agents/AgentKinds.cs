namespace Orchestration.Grains.Interfaces.Agents;

/// <summary>
/// The built-in agent kinds. A kind is also the grain type name of its hosted implementation, so
/// <c>GrainId.Create(kind, agentId)</c> addresses a hosted agent without knowing its interface.
/// </summary>
public static class AgentKinds
{
    public const string ExperimentTracker = "experiment-tracker";
    public const string ProjectShipper = "project-shipper";

    /// <summary>Decides its reactions with a chat model; registered only where a model is configured.</summary>
    public const string LlmAgent = "llm-agent";
}
