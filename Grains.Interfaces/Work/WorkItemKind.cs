namespace Orchestration.Grains.Interfaces.Work;

[GenerateSerializer, Alias("orch.WorkItemKind")]
public enum WorkItemKind
{
    Experiment = 1,
    Release = 2,
}
