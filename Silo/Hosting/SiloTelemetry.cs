using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Hosting;

namespace Orchestration.Silo.Hosting;

/// <summary>The silo's cross-cutting wiring (like eShop's ServiceDefaults): OpenTelemetry, health checks, and their endpoints.</summary>
public static class SiloTelemetry
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static IHostApplicationBuilder AddOrchestrationTelemetry(this IHostApplicationBuilder host)
    {
        var options = host.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
            throw new InvalidOperationException($"{TelemetryOptions.Section}:OtlpProtocol is '{options.OtlpProtocol}'; use grpc or http/protobuf");

        host.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orchestration-silo", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddOrchestrationInstrumentation();
                if (options.OtlpEndpoint is { } endpoint) tracing.AddOtlpExporter(o => Otlp(o, endpoint, options.OtlpProtocol));
                if (options.Console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddOrchestrationInstrumentation().AddRuntimeInstrumentation();
                if (options.OtlpEndpoint is { } endpoint) metrics.AddOtlpExporter(o => Otlp(o, endpoint, options.OtlpProtocol));
                if (options.Console) metrics.AddConsoleExporter();
                if (options.Prometheus) metrics.AddPrometheusExporter();
            });

        host.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("the silo process is up"), tags: [Live])
            .AddCheck<StorageReadinessCheck>("grain-storage", tags: [Ready]);
        return host;
    }

    /// <summary>/health/live never touches storage (restarting a silo will not fix a storage outage); /health/ready does.</summary>
    public static WebApplication MapOrchestrationEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        if ((app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new()).Prometheus)
            app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static void Otlp(OtlpExporterOptions otlp, string endpoint, string protocol)
    {
        otlp.Endpoint = new Uri(endpoint);
        otlp.Protocol = protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
    }

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
