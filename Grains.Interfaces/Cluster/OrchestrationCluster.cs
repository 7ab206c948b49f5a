namespace Orchestration.Grains.Interfaces.Cluster;

/// <summary>The identity and ports of the Development cluster, shared by the silo, the CLI and agent services.</summary>
public static class OrchestrationCluster
{
    public const string ServiceId = "orchestration";
    public const string DevelopmentClusterId = "orchestration-dev";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;
}
