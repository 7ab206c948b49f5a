using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.AzureStorage;
using Orchestration.Bench;
using Orchestration.Client;
using Orchestration.Client.Agents;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Silo.Hosting;
using Orchestration.Simulation.Running;
using Orchestration.Simulation.Scenarios;
using Orleans.TestingHost;

// The hot paths against raw Orleans calls, measured in one run on one in-process cluster (Development profile:
// memory storage and streams), every figure also as a ratio to this run's baseline. `--quick` finishes in under a
// minute; the full run adds longer levels, 10,000 subscribers and 100,000 activations.
if (args.Contains("--throughput"))
{
    await ThroughputBench.RunAsync(args, EnsureAzuriteAsync);
    return;
}

if (args.Contains("--deployed"))
{
    await DeployedBench.RunAsync(args, EnsureAzuriteAsync);
    return;
}

if (args.Contains("--replay"))
{
    await ReplayBench.RunAsync(args);
    return;
}

if (args.Contains("--gateway"))
{
    await GatewayBench.RunAsync(args);
    return;
}

if (args.Contains("--identity"))
{
    await IdentityBench.RunAsync(args);
    return;
}

if (args.Contains("--studio"))
{
    await OneStudioBench.RunAsync(args, EnsureAzuriteAsync);
    return;
}

var quick = args.Contains("--quick");
var level = TimeSpan.FromSeconds(quick ? 1.5 : 5);
var results = new List<Figure>();
var total = Stopwatch.StartNew();
void Note(string text) => Console.Error.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0}s] {text}");

var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
builder.Options.ConfigureFileLogging = false;
builder.ConfigureSilo((_, silo) =>
{
    silo.AddInMemoryStudioProviders();
    silo.Services.AddOrchestrationGrains();
    silo.Services.AddAgentKind<BenchAgentGrain>();
    BenchSetup.RepeatedSlips(silo.Services);
    silo.WithRoot();
});
builder.ConfigureClient(client => client.AddOrchestrationStreams().AsRoot());
await using var cluster = builder.Build();
await cluster.DeployAsync();
var client = cluster.Client;
Note("cluster up");

// 1. Baseline: a no-op grain call through the client, 64 callers.
var baseline = await Load.RunAsync(64, level, (worker, _) => client.GetGrain<INoopGrain>(worker).Noop());
results.Add(new("baseline", "no-op grain call, 64 callers", "calls/s", baseline.PerSecond, baseline));
Note($"baseline {baseline.PerSecond:0} calls/s p50 {baseline.P50:0.00} ms p99 {baseline.P99:0.00} ms");

await MeasurePaths(client, "", quick ? [1, 4, 16, 64, 256] : [1, 4, 16, 64, 256, 1024], quick ? [1, 4, 16, 64] : [1, 4, 16, 64, 128],
    quick ? [10, 100, 1_000] : [10, 100, 1_000, 10_000]);

// 5. Memory per active agent grain (idle, not joined): heap after a full GC, before and after activating N.
foreach (var activations in quick ? new[] { 10_000 } : [10_000, 100_000])
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    for (var i = 0; i < activations; i += 512)
        await Task.WhenAll(Enumerable.Range(i, Math.Min(512, activations - i)).Select(a => client.GetGrain<IBenchAgentGrain>($"idle-{activations}-{a}").GetSnapshot()));
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var after = GC.GetTotalMemory(forceFullCollection: true);
    var perGrain = (after - before) / (double)activations;
    results.Add(new($"memory-agent-{activations}", $"heap per idle agent grain at {activations:N0} activations (silo and client share this process)", "bytes", perGrain, null));
    Note($"memory: {perGrain / 1024:0.0} KB per agent grain at {activations:N0}");
}

results.Add(new("memory-project", "no project grain: projects are records in the Producer's state (docs/ARCHITECTURE.md)", "bytes", double.NaN, null));

// 6. Simulation speed: a 13-week quarter of 50 projects and 10 agents.
var scenario = ScenarioGenerator.Quarter(50, 10, 13, seed: 1);
var wall = Stopwatch.StartNew();
var simulated = await ScenarioRunner.RunAsync(scenario);
var daysPerSecond = scenario.Duration.TotalDays / wall.Elapsed.TotalSeconds;
results.Add(new("simulation", $"13 weeks, 50 projects, 10 agents ({simulated.Timeline.Count} timeline entries) in {wall.Elapsed.TotalSeconds:0.0} s", "simulated days/s", daysPerSecond, null));
Note($"simulation: {daysPerSecond:0.0} simulated days/s");

// 7. The same paths on the Azure profile's providers against Azurite (Blob state and subscriptions, Queue streams).
await EnsureAzuriteAsync();
var azureBuilder = new InProcessTestClusterBuilder(initialSilosCount: 1);
azureBuilder.Options.ConfigureFileLogging = false;
var azureRun = Guid.NewGuid().ToString("N")[..8];
azureBuilder.ConfigureSilo((_, silo) =>
{
    foreach (var (name, container) in new[] { (Orchestration.Grains.Interfaces.Streams.StudioStreams.Storage, $"bench-{azureRun}-state"), (Orchestration.Grains.Interfaces.Streams.StudioStreams.PubSubStore, $"bench-{azureRun}-pubsub") })
        silo.AddAzureBlobGrainStorage(name, o => { o.BlobServiceClient = SiloProfiles.Blobs("UseDevelopmentStorage=true"); o.ContainerName = container; });
    silo.AddAzureQueueStreams(Orchestration.Grains.Interfaces.Streams.StudioStreams.Provider, ob => ob.Configure(o =>
    {
        o.QueueServiceClient = AzureStorageClients.Queues("UseDevelopmentStorage=true");
        o.QueueNames = AzureStorageClients.QueueNames($"bench-{azureRun}");
    }));
    silo.UseInMemoryReminderService();
    silo.Services.AddOrchestrationGrains();
    silo.Services.AddAgentKind<BenchAgentGrain>();
    BenchSetup.RepeatedSlips(silo.Services);
    silo.WithRoot();
});
azureBuilder.ConfigureClient(c => c.AsRoot().AddAzureQueueStreams(Orchestration.Grains.Interfaces.Streams.StudioStreams.Provider, ob => ob.Configure(o =>
{
    o.QueueServiceClient = AzureStorageClients.Queues("UseDevelopmentStorage=true");
    o.QueueNames = AzureStorageClients.QueueNames($"bench-{azureRun}");
})));
await using (var azure = azureBuilder.Build())
{
    await azure.DeployAsync();
    Note("azure-profile cluster up (Azurite)");
    await MeasurePaths(azure.Client, "azure-", quick ? [4, 16, 64] : [4, 16, 64, 256], quick ? [4, 16] : [4, 16, 64], quick ? [100] : [100, 1_000]);
}

await Write(results, baseline, quick, total.Elapsed);
Note("done");

async Task MeasurePaths(IClusterClient client, string prefix, int[] reportCallers, int[] conflictCallers, int[] subscriberCounts)
{
    // 2. Report path: a blocker through the Producer to its persisted escalation (the call returns once it is
    // written), and end to end to the acknowledgement on the reporter's inbox stream, read as it arrives. One studio per
    // caller (a Producer is one grain); rising callers until the rate stops growing.
    var sessions = new System.Collections.Concurrent.ConcurrentDictionary<(int, int), (AgentSession Session, System.Collections.Concurrent.ConcurrentDictionary<string, long> Sent)>();
    var endToEnd = new System.Collections.Concurrent.ConcurrentBag<(int Callers, double Ms)>();
    var reportLevels = await Load.RiseAsync(reportCallers, level, async (callers, worker, n) =>
    {
        // Each worker owns its studio and session, set up on its first call; a reader notes when each acknowledgement lands.
        if (!sessions.TryGetValue((callers, worker), out var mine))
        {
            var session = await new StudioClient(client, $"{prefix}bench-report-{callers}-{worker}")
                .ConnectAgentAsync($"{prefix}reporter-{callers}-{worker}", AgentKinds.ExperimentTracker, "reporter", 1);
            var sent = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
            sessions[(callers, worker)] = mine = (session, sent);
            _ = Task.Run(async () =>
            {
                await foreach (var message in session.Inbox.ReadAllAsync())
                    if (message is ReportAcknowledged ack && sent.TryRemove(ack.ReportId, out var at))
                        endToEnd.Add((callers, Stopwatch.GetElapsedTime(at).TotalMilliseconds));
            });
        }

        var reportId = $"r{n}";
        mine.Sent[reportId] = Stopwatch.GetTimestamp();
        await client.GetGrain<Orchestration.Grains.Interfaces.Producer.IProducerGrain>($"{prefix}bench-report-{callers}-{worker}")
            .ReportBlocker(new BlockerReport(reportId, $"{prefix}reporter-{callers}-{worker}", "bench", "blocked", "work", "delay", Severity.Medium, "producer"));
    }, r => Note($"{prefix}report path, {r.Concurrency} callers: {r.PerSecond:0}/s p50 {r.P50:0.0} ms p99 {r.P99:0.0} ms timeouts {r.TimedOut}"));
    await Task.Delay(TimeSpan.FromMilliseconds(500)); // the last acknowledgements are still on the stream
    var bestReport = reportLevels.MaxBy(r => r.PerSecond)!;
    results.Add(new($"{prefix}report-path", $"blocker → persisted escalation (call latency); best of rising callers ({string.Join(", ", reportLevels.Select(r => r.Concurrency))})",
        "reports/s", bestReport.PerSecond, bestReport, reportLevels));
    var e2e = endToEnd.Where(x => x.Callers == bestReport.Concurrency).Select(x => x.Ms).Order().ToArray();
    var e2eResult = new LoadResult(bestReport.Concurrency, e2e.Length, bestReport.Completed - e2e.Length, 0, 0, 0, Load.Percentile(e2e, 0.5), Load.Percentile(e2e, 0.99), e2e.Length == 0 ? 0 : e2e[^1]);
    results.Add(new($"{prefix}report-end-to-end", $"report → acknowledgement received on the inbox stream, at {bestReport.Concurrency} callers (memory streams poll every 100 ms)",
        "ms p50", e2eResult.P50, e2eResult));
    Note($"{prefix}report end to end at {bestReport.Concurrency} callers: p50 {e2eResult.P50:0.0} ms p99 {e2eResult.P99:0.0} ms, {e2eResult.TimedOut} acknowledgements not seen");

    // 3. Conflict path: an experiment slips, the Producer decides, both hosted agents apply and acknowledge (the
    // conflict resolves). One studio per caller; rising callers until saturation.
    var resolved = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource>();
    var conflictStudios = new HashSet<string>();
    var conflictLevels = await Load.RiseAsync(conflictCallers, level, async (callers, worker, n) =>
    {
        var studioId = $"{prefix}bench-conflict-{callers}-{worker}";
        var studio = new StudioClient(client, studioId);
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>($"tracker-{studioId}");
        bool fresh;
        lock (conflictStudios) fresh = conflictStudios.Add(studioId);
        if (fresh)
        {
            await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, $"tracker-{studioId}", "Tracker", 4);
            await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, $"shipper-{studioId}", "Shipper", 4);
            await studio.PublishStrategyAsync(new StrategyChange("m1", 1, ["customer-commitments", "learning"], [], "bench", "bench"));
            var today = new DateOnly(2026, 11, 26);
            await tracker.PlanExperiment(new ExperimentPlan("e", "p", "h", today, today.AddDays(21), [], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
            await studio.HostedAgent<IProjectShipperGrain>($"shipper-{studioId}").PlanRelease(new ReleasePlan("r", "p", "s", today.AddDays(30), [], today,
                [new CustomerCommitment("Acme", 40, true), new CustomerCommitment("Beta", 10, false)], [new Dependency("e", 2)]));
            await studio.WatchEventsAsync(e =>
            {
                if (e is ConflictClosed { Status: ConflictStatus.Resolved } && resolved.TryRemove(studioId, out var done)) done.TrySetResult();
                return Task.CompletedTask;
            });
        }

        var closed = resolved[studioId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Closed loop per studio: the next slip only once this conflict is resolved.
        await tracker.ExtendExperiment("e", 21, "slower traffic");
        await closed.Task; // decided, applied by both agents, acknowledged
    }, r => Note($"{prefix}conflict path, {r.Concurrency} callers: {r.PerSecond:0}/s p50 {r.P50:0.0} ms p99 {r.P99:0.0} ms timeouts {r.TimedOut}"));
    var bestConflict = conflictLevels.MaxBy(r => r.PerSecond)!;
    results.Add(new($"{prefix}conflict-path", $"date change → conflict → decision applied by both agents; best of rising callers ({string.Join(", ", conflictLevels.Select(r => r.Concurrency))})",
        "conflicts/s", bestConflict.PerSecond, bestConflict, conflictLevels));

    // 4. Strategy broadcast: time from publishing until each subscribed agent has applied it.
    foreach (var subscribers in subscriberCounts)
    {
        var studioId = $"{prefix}bench-broadcast-{subscribers}";
        var studio = new StudioClient(client, studioId);
        for (var i = 0; i < subscribers; i += 64)
            await Task.WhenAll(Enumerable.Range(i, Math.Min(64, subscribers - i)).Select(a => studio.StartHostedAgentAsync(BenchAgentGrain.Kind, $"{studioId}-{a}", "agent", 1)));
        var start = Stopwatch.GetTimestamp();
        await studio.PublishStrategyAsync(new StrategyChange("m1", 1, ["growth"], [], "bench", "bench"));
        var applied = await WaitFor(() => BenchAgentGrain.Applied.TryGetValue((studioId, 1), out var bag) && bag.Count >= subscribers ? bag : null, TimeSpan.FromSeconds(60));
        var latencies = (applied ?? []).Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds).Order().ToArray();
        var r = new LoadResult(subscribers, latencies.Length, subscribers - latencies.Length, 0, latencies.Length == 0 ? 0 : latencies[^1] / 1000, 0,
            Load.Percentile(latencies, 0.5), Load.Percentile(latencies, 0.99), latencies.Length == 0 ? 0 : latencies[^1]);
        results.Add(new($"{prefix}broadcast-{subscribers}", $"strategy to {subscribers} subscribed agents: time until each applied it", "ms (last)", r.Max, r));
        Note($"{prefix}broadcast to {subscribers}: p50 {r.P50:0.0} ms p99 {r.P99:0.0} ms last {r.Max:0.0} ms, missed {r.TimedOut}");
    }

}

static async Task EnsureAzuriteAsync()
{
    try
    {
        using var probe = new System.Net.Sockets.TcpClient();
        await probe.ConnectAsync("127.0.0.1", 10000);
        return;
    }
    catch (System.Net.Sockets.SocketException)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orchestration.sln"))) root = root.Parent;
        using var start = Process.Start("bash", [Path.Combine(root!.FullName, "deploy", "azurite", "start.sh")]);
        await start.WaitForExitAsync();
    }
}

static async Task<T?> WaitFor<T>(Func<T?> read, TimeSpan timeout) where T : class
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < timeout)
    {
        if (read() is { } value) return value;
        await Task.Delay(1);
    }

    return read();
}

static async Task Write(List<Figure> results, LoadResult baseline, bool quick, TimeSpan elapsed)
{
    var root = new DirectoryInfo(AppContext.BaseDirectory);
    while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orchestration.sln"))) root = root.Parent;
    var bench = Path.Combine(root?.FullName ?? ".", "bench");
    var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Orleans 10.4.2, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";
    var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    await File.WriteAllTextAsync(Path.Combine(bench, "results.json"), JsonSerializer.Serialize(new
    {
        date, machine, mode = quick ? "quick" : "full", seconds = elapsed.TotalSeconds,
        results = results.Select(f => new { f.Key, f.What, f.Unit, Value = double.IsNaN(f.Value) ? (double?)null : f.Value, Ratio = f.Ratio(baseline), f.Result, f.Levels }),
    }, new JsonSerializerOptions { WriteIndented = true }));

    var md = new StringBuilder()
        .AppendLine("# Benchmark results").AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"{date}, `{(quick ? "--quick" : "full")}` run ({elapsed.TotalSeconds:0} s). Machine: {machine}. One in-process cluster (one silo, Development profile: memory storage and streams) driven through the Orleans client. Ratios are against this run's baseline: throughput ÷ baseline calls/s, latency ÷ baseline p50.").AppendLine()
        .AppendLine("| figure | what | value | unit | p50 ms | p99 ms | timeouts | ratio to baseline |").AppendLine("|---|---|---|---|---|---|---|---|");
    foreach (var f in results)
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {f.Key} | {f.What} | {(double.IsNaN(f.Value) ? "n/a" : f.Value.ToString("0.#", CultureInfo.InvariantCulture))} | {f.Unit} | {f.Result?.P50.ToString("0.00", CultureInfo.InvariantCulture) ?? ""} | {f.Result?.P99.ToString("0.00", CultureInfo.InvariantCulture) ?? ""} | {f.Result?.TimedOut.ToString(CultureInfo.InvariantCulture) ?? ""} | {f.Ratio(baseline) ?? ""} |");
    md.AppendLine().AppendLine("## Load levels").AppendLine().AppendLine("| path | callers | per second | p50 ms | p99 ms | max ms | timeouts | failed |").AppendLine("|---|---|---|---|---|---|---|---|");
    foreach (var f in results.Where(f => f.Levels is not null))
        foreach (var l in f.Levels!)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Key} | {l.Concurrency} | {l.PerSecond:0} | {l.P50:0.00} | {l.P99:0.00} | {l.Max:0.0} | {l.TimedOut} | {l.Failed} |");
    await File.WriteAllTextAsync(Path.Combine(bench, quick ? "RESULTS-quick.md" : "RESULTS.md"), md.ToString());
}

/// <summary>One figure of the run.</summary>
internal sealed record Figure(string Key, string What, string Unit, double Value, LoadResult? Result, IReadOnlyList<LoadResult>? Levels = null)
{
    public string? Ratio(LoadResult baseline) => Key switch
    {
        "baseline" => "1.00",
        _ when Unit.EndsWith("/s", StringComparison.Ordinal) && Key != "simulation" => (Value / baseline.PerSecond).ToString("0.000", CultureInfo.InvariantCulture)
            + (Result is { } r ? $" (p50 ×{r.P50 / baseline.P50:0.0})" : ""),
        _ when Key.StartsWith("broadcast", StringComparison.Ordinal) && Result is { } r => $"last ×{r.Max / baseline.P50:0} of a call's p50",
        _ => null,
    };
}
