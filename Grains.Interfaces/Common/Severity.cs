namespace Orchestration.Grains.Interfaces.Common;

[GenerateSerializer, Alias("orch.Severity")]
public enum Severity
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
