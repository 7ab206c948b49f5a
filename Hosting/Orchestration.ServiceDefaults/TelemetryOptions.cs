namespace Orchestration.ServiceDefaults;

/// <summary>The configuration section "Telemetry": where traces and metrics go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP collector endpoint (e.g. http://127.0.0.1:4317); unset: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Write spans and metrics to the console (noisy; for a look, not for production).</summary>
    public bool Console { get; set; }

    /// <summary>Serve metrics for Prometheus at /metrics on the silo's HTTP port.</summary>
    public bool Prometheus { get; set; } = true;
}
