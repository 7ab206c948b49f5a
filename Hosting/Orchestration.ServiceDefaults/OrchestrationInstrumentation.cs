using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Orchestration.ServiceDefaults;

/// <summary>
/// What to listen to, for silos and agent services alike: the domain's source and meter ("Orchestration") and
/// Orleans' own. Trace context crosses grain calls only with activity propagation on every silo and client
/// (<c>AddActivityPropagation()</c>, which the Orchestration builders turn on).
/// </summary>
public static class OrchestrationInstrumentation
{
    public const string DomainName = "Orchestration";

    public static readonly string[] TraceSources = [DomainName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static readonly string[] Meters = [DomainName, "Microsoft.Orleans", "Polly"];

    public static TracerProviderBuilder AddOrchestrationInstrumentation(this TracerProviderBuilder tracing) => tracing.AddSource(TraceSources);

    public static MeterProviderBuilder AddOrchestrationInstrumentation(this MeterProviderBuilder metrics) => metrics.AddMeter(Meters);
}
