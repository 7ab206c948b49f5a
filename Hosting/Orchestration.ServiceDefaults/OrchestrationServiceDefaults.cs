using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Polly;

namespace Orchestration.ServiceDefaults;

/// <summary>
/// What every Orchestration process wires the same way (like Aspire's ServiceDefaults): OpenTelemetry for the domain's
/// and Orleans' sources and meters, outgoing HTTP and logs, exported by OTLP as the standard OTEL_* variables (or the
/// "Telemetry" section) say, a liveness health check, and the
/// resilience pipeline of the client's calls. A silo adds
/// its readiness check and Prometheus endpoint on top; an agent service calls this and is traced into the grains.
/// </summary>
public static class OrchestrationServiceDefaults
{
    /// <summary>Health-check tag of checks that say the process is up (never touching storage).</summary>
    public const string Live = "live";

    /// <summary>Health-check tag of checks that say the process can serve (storage reachable).</summary>
    public const string Ready = "ready";

    public static IHostApplicationBuilder AddOrchestrationServiceDefaults(this IHostApplicationBuilder host, string serviceName)
    {
        var options = host.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
            throw new InvalidOperationException($"{TelemetryOptions.Section}:OtlpProtocol is '{options.OtlpProtocol}'; use grpc or http/protobuf");

        // The OpenTelemetry SDK's own configuration: OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and every
        // OTEL_EXPORTER_OTLP_* variable (endpoint, protocol, headers, per-signal endpoints). Telemetry:OtlpEndpoint and
        // Telemetry:OtlpProtocol remain, as a base address the SDK completes with /v1/traces, /v1/metrics, /v1/logs.
        var telemetry = host.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } named ? named : serviceName,
                serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddOrchestrationInstrumentation().AddHttpClientInstrumentation();
                if (options.Console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddOrchestrationInstrumentation().AddRuntimeInstrumentation().AddHttpClientInstrumentation();
                if (options.Console) metrics.AddConsoleExporter();
            })
            .WithLogging();
        if (options.OtlpEndpoint is { } endpoint)
            telemetry.UseOtlpExporter(options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
        else if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 })
            telemetry.UseOtlpExporter();

        host.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("the process is up"), tags: [Live]);

        // The call policy, registered so its retries and timeouts show in the host's metrics (Microsoft.Extensions.Resilience's
        // enricher adds the failure's type to each event); StudioClient.Create takes it from here.
        host.Services.AddResilienceEnricher();
        host.Services.AddResiliencePipeline(OrchestrationResilience.PipelineName, builder => OrchestrationResilience.Configure(builder));
        return host;
    }

}
