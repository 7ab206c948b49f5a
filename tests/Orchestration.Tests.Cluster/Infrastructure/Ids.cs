namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>Agent ids are cluster-wide grain keys, so every test makes its own.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
