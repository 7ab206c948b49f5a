using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orchestration.Grains.Hosting;
using Orchestration.ServiceDefaults;
using static Orchestration.ServiceDefaults.OrchestrationServiceDefaults;

namespace Orchestration.Silo.Hosting;

/// <summary>The silo's telemetry and health: the shared defaults, plus Prometheus, a storage readiness check, and their endpoints.</summary>
public static class SiloTelemetry
{
    public static IHostApplicationBuilder AddOrchestrationTelemetry(this IHostApplicationBuilder host)
    {
        host.AddOrchestrationServiceDefaults("orchestration-silo");
        // The silo is an ASP.NET Core host: its requests are spans and metrics too (the HTTP API, the console, health).
        host.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()).WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        if (Telemetry(host.Configuration).Prometheus)
            host.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        host.Services.AddHealthChecks().AddCheck<StorageReadinessCheck>("grain-storage", tags: [Ready]);
        return host;
    }

    /// <summary>/health/live never touches storage (restarting a silo will not fix a storage outage); /health/ready does.</summary>
    public static WebApplication MapOrchestrationEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        if (Telemetry(app.Configuration).Prometheus)
            app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static TelemetryOptions Telemetry(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();

    /// <summary>Ready when a grain on this silo can write to grain storage, within 5 s.</summary>
    private sealed class StorageReadinessCheck(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var at = await grains.GetGrain<IHealthProbeGrain>(Environment.MachineName).Probe().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy($"grain storage written at {at:u}");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"grain storage not writable: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
