using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Orchestration.Client.Hosting;
using Orchestration.Gateway;
using Orchestration.Grains;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Silo.Hosting;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>
/// The gateway against the Orleans client, in one run on one in-process cluster (memory storage, so the gateway's own
/// cost is what differs): 64 agents each report a blocker and resolve it, in a loop, through the Orleans client, the
/// HTTP API and the MCP server; the baseline is the same callers making no-op grain calls. Then 1,000 agents hold an
/// SSE connection to their inbox each, and each reports one blocker: the latency is from the report call to its
/// acknowledgement arriving on the agent's SSE stream. Appends a row to bench/RESULTS-gateway.md.
/// </summary>
public static class GatewayBench
{
    public static async Task RunAsync(string[] args)
    {
        var callers = Option(args, "--callers", 64);
        var seconds = Option(args, "--seconds", 10);
        var connections = Option(args, "--connections", 1_000);
        var label = Environment.GetEnvironmentVariable("BENCH_LABEL") ?? "this commit";
        const string studioId = "bench-gateway";

        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStudioProviders();
            silo.Services.AddOrchestrationGrains();
            silo.WithRoot();
        });
        builder.ConfigureClient(client => client.AddOrchestrationStreams().AsRoot());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var client = cluster.Client;

        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.ClearProviders();
        web.Configuration["Gateway:PermitsPerSecond"] = "1000000";
        web.Configuration["Gateway:Burst"] = "1000000";
        web.Services.AddSingleton<IGrainFactory>(client);
        web.Services.AddOrchestrationGateway();
        await using var app = web.Build();
        app.MapOrchestrationGateway();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var producer = client.GetGrain<IProducerGrain>(studioId);
        var credentials = client.GetGrain<ICredentialsGrain>(studioId);
        var tokens = new string[callers + connections]; // the SSE agents are others than the callers: their inboxes start empty
        for (var a = 0; a < tokens.Length; a++)
        {
            await producer.RegisterAgent(new AgentRegistration($"agent-{a}", AgentKinds.ProjectShipper, $"Agent {a}", 10, AgentHosting.External));
            tokens[a] = (await credentials.Issue(new CredentialRequest($"agent-{a}", CredentialRole.Agent, "bench"))).Token;
        }

        Console.Error.WriteLine($"{tokens.Length} agents registered; gateway at {address}");
        var baseline = await Measure(callers, 5, (_, _) => client.GetGrain<INoopGrain>(7).Noop());
        Console.Error.WriteLine($"baseline: {baseline.PerSecond:N0} no-op calls/s");

        // The Orleans client path.
        async Task ViaOrleans(int a, long n)
        {
            var id = $"o-{a}-{n}";
            await producer.ReportBlocker(Blocker(id, a));
            await producer.ResolveReport(new ResolveReport(id, $"agent-{a}", "unblocked"));
        }

        await Measure(callers, 2, ViaOrleans);
        var orleans = await Measure(callers, seconds, ViaOrleans);
        Console.Error.WriteLine($"orleans client: {orleans.PerSecond:N0} report+resolve/s");

        // The HTTP path: one connection per agent, as separate processes would have.
        var http = Enumerable.Range(0, callers).Select(a => Http(address, tokens[a])).ToArray();
        async Task ViaHttp(int a, long n)
        {
            var id = $"h-{a}-{n}";
            using var reported = await http[a].PostAsJsonAsync($"/v1/studios/{studioId}/reports/blockers", new
            {
                reportId = id, projectId = "checkout", summary = "Experiment needs three more weeks", blocks = "checkout-v2",
                impact = "Release date at risk", severity = "high", owner = "studio-producer",
            });
            reported.EnsureSuccessStatusCode();
            using var resolved = await http[a].PostAsJsonAsync($"/v1/studios/{studioId}/reports/{id}/resolve", new { resolution = "unblocked" });
            resolved.EnsureSuccessStatusCode();
        }

        await Measure(callers, 2, ViaHttp);
        var viaHttp = await Measure(callers, seconds, ViaHttp);
        Console.Error.WriteLine($"http: {viaHttp.PerSecond:N0} report+resolve/s ({viaHttp.PerSecond / orleans.PerSecond:P0} of the Orleans client)");

        // The MCP path: the official client, one per agent.
        var mcp = new McpClient[callers];
        for (var a = 0; a < callers; a++)
            mcp[a] = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(address, GatewayHosting.McpPath), TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {tokens[a]}" },
            }));
        async Task ViaMcp(int a, long n)
        {
            var id = $"m-{a}-{n}";
            var reported = await mcp[a].CallToolAsync("report_blocker", new Dictionary<string, object?>
            {
                ["reportId"] = id, ["projectId"] = "checkout", ["summary"] = "Experiment needs three more weeks", ["blocks"] = "checkout-v2",
                ["impact"] = "Release date at risk", ["severity"] = "high", ["owner"] = "studio-producer",
            });
            if (reported.IsError is true) throw new InvalidOperationException("report refused");
            var resolved = await mcp[a].CallToolAsync("resolve_report", new Dictionary<string, object?> { ["reportId"] = id, ["resolution"] = "unblocked" });
            if (resolved.IsError is true) throw new InvalidOperationException("resolve refused");
        }

        await Measure(callers, 2, ViaMcp);
        var viaMcp = await Measure(callers, seconds, ViaMcp);
        Console.Error.WriteLine($"mcp: {viaMcp.PerSecond:N0} report+resolve/s ({viaMcp.PerSecond / orleans.PerSecond:P0} of the Orleans client)");
        foreach (var m in mcp) await m.DisposeAsync();

        // SSE: every agent connected to its inbox; each report's acknowledgement timed from the call to the event.
        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();
        var connected = 0;
        var readers = Enumerable.Range(callers, connections).Select(a => Task.Run(async () =>
        {
            using var sse = Http(address, tokens[a]);
            sse.Timeout = Timeout.InfiniteTimeSpan;
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/studios/{studioId}/agents/agent-{a}/inbox");
            using var response = await sse.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            Interlocked.Increment(ref connected);
            try
            {
                await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(stop.Token)).EnumerateAsync(stop.Token))
                    if (item.Data.Contains("\"reportId\":\"s-", StringComparison.Ordinal) && sent.TryGetValue($"agent-{a}", out var at))
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            }
            catch (OperationCanceledException)
            {
            }
        })).ToArray();

        var wait = Stopwatch.StartNew();
        while (Volatile.Read(ref connected) < connections && wait.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(100);
        await Task.Delay(1_000); // each connection's first long poll is in
        Console.Error.WriteLine($"sse: {connected} connections open");
        for (var a = callers; a < callers + connections; a++)
        {
            sent[$"agent-{a}"] = Stopwatch.GetTimestamp();
            _ = producer.ReportBlocker(Blocker($"s-{a}", a));
            if (a % 50 == 49) await Task.Delay(100); // 500 reports a second, spread over the run
        }

        wait.Restart();
        while (latencies.Count < connections && wait.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        var sorted = latencies.Order().ToArray();
        Console.Error.WriteLine($"sse: {sorted.Length} of {connections} delivered, p50 {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms");

        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {DateTime.UtcNow:yyyy-MM-dd} | {callers} | {baseline.PerSecond:N0} | {orleans.PerSecond:N0} ({orleans.PerSecond / baseline.PerSecond:P1}) | " +
            $"{viaHttp.PerSecond:N0} ({viaHttp.PerSecond / orleans.PerSecond:P0}) | {viaMcp.PerSecond:N0} ({viaMcp.PerSecond / orleans.PerSecond:P0}) | " +
            $"{orleans.Failures + viaHttp.Failures + viaMcp.Failures} | {connected} | {sorted.Length} | {Percentile(sorted, 0.5):0.0} | {Percentile(sorted, 0.99):0.0} |");
        var path = Path.Combine(Root(), "bench", "RESULTS-gateway.md");
        if (!File.Exists(path))
            await File.WriteAllTextAsync(path,
                "# The gateway against the Orleans client (one in-process silo, memory storage)\n\n" +
                "`dotnet run -c Release --project bench/Orchestration.Bench -- --gateway` (`--callers N`, `--seconds N`, `--connections N`; `BENCH_LABEL` names the row).\n" +
                "Each caller reports a blocker and resolves it, in a loop. Rates are report+resolve pairs a second; in brackets, the Orleans client's share of the\n" +
                "no-op baseline, and HTTP's and MCP's share of the Orleans client's rate (target: HTTP ≥ 50 %). SSE: one inbox connection per agent, each agent\n" +
                "reports once, latency from the report call to the acknowledgement on its stream.\n\n" +
                "| run | date | callers | no-op calls/s (baseline) | Orleans client/s | HTTP/s (÷ client) | MCP/s (÷ client) | failed | SSE connections | delivered | SSE p50 ms | SSE p99 ms |\n" +
                "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        await File.AppendAllTextAsync(path, row + "\n");
        Console.WriteLine(row);
        foreach (var h in http) h.Dispose();
    }

    private static HttpClient Http(Uri address, string token)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private sealed record Outcome(double PerSecond, int Failures);

    private static async Task<Outcome> Measure(int callers, int seconds, Func<int, long, Task> call)
    {
        var result = await Load.RunAsync(callers, TimeSpan.FromSeconds(seconds), call);
        return new Outcome(result.PerSecond, result.TimedOut + result.Failed);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static BlockerReport Blocker(string id, int agent) => BenchSetup.Blocker(id, $"agent-{agent}");

    private static int Option(string[] args, string name, int fallback) => BenchSetup.Option(args, name, fallback);

    private static string Root() => BenchSetup.Root();
}
