using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Observability;

/// <summary>
/// A silo configured the way every OpenTelemetry user configures an exporter — OTEL_SERVICE_NAME and the
/// OTEL_EXPORTER_OTLP_* variables, nothing of ours — sends its traces, metrics and logs to an OTLP receiver, over
/// http/protobuf (to /v1/traces, /v1/metrics, /v1/logs) and over gRPC, named as the variable says; and its HTTP
/// requests are spans of their own.
/// </summary>
public class OtlpExportTests
{
    [Theory]
    [InlineData("http/protobuf")]
    [InlineData("grpc")]
    public async Task The_standard_variables_send_traces_metrics_and_logs_to_an_otlp_receiver(string protocol)
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: protocol == "grpc");
        var service = $"silo-{Guid.NewGuid():N}"[..16];
        await using var silo = await SiloProcess.StartWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["OTEL_SERVICE_NAME"] = service,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        using var http = new HttpClient { BaseAddress = silo.Http };
        (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        string[] signals = protocol == "grpc"
            ? ["/opentelemetry.proto.collector.trace.v1.TraceService/Export", "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", "/opentelemetry.proto.collector.logs.v1.LogsService/Export"]
            : ["/v1/traces", "/v1/metrics", "/v1/logs"];
        await Eventually.Until(() => Task.FromResult(receiver.Received.Keys.ToArray()), paths => signals.All(paths.Contains),
            $"traces, metrics and logs at {string.Join(", ", signals)}", TimeSpan.FromSeconds(60));
        Assert.All(signals, path => Assert.Contains(receiver.Received[path], body => body.Contains(service, StringComparison.Ordinal)));
        // ASP.NET Core's own instrumentation: the request just made is a span (its route appears in the export).
        await Eventually.Until(() => Task.FromResult(receiver.Received[signals[0]].ToArray()), bodies => bodies.Any(b => b.Contains("/health/ready", StringComparison.Ordinal)),
            "the HTTP request's span", TimeSpan.FromSeconds(60));
    }

    /// <summary>The smallest OTLP receiver: it keeps every export's body (as Latin-1 text, to look for names in the
    /// protobuf) by path and answers success — a plain 200 over http/protobuf, an empty gRPC message with status 0.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpReceiver(WebApplication app, Uri address) => (_app, Address) = (app, address);

        public Uri Address { get; }

        public ConcurrentDictionary<string, ConcurrentBag<string>> Received { get; } = new(StringComparer.Ordinal);

        public static async Task<OtlpReceiver> StartAsync(bool grpc)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0,
                listen => listen.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2));
            var app = builder.Build();
            OtlpReceiver? receiver = null;
            app.MapPost("/{**path}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver!.Received.GetOrAdd(context.Request.Path.Value!, _ => []).Add(System.Text.Encoding.Latin1.GetString(body.ToArray()));
                if (!grpc)
                {
                    context.Response.ContentType = "application/x-protobuf";
                    return;
                }

                context.Response.ContentType = "application/grpc";
                await context.Response.Body.WriteAsync(new byte[5]); // not compressed, length 0: an empty Export…ServiceResponse
                context.Response.AppendTrailer("grpc-status", "0");
            });
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            receiver = new OtlpReceiver(app, address);
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
