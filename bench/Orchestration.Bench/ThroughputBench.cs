using System.Diagnostics;
using System.Globalization;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>
/// One studio's report throughput: 64 agents (one caller each) report blockers into the same studio at once, its
/// grain storage on Azure Blob (Azurite), for a fixed time. Each agent resolves its blocker before it reports the
/// next, as agents do, so the open set stays at most 64 and the figure is the studio's rate, not its size. The baseline is the same 64 callers making no-op grain
/// calls on the same cluster; the storage's own rate (64 grains writing a 1 KB state) is printed beside it. <c>--ops</c>
/// prints each storage operation per report instead of a row. Only <c>RegisterAgent</c>, <c>ReportBlocker</c> and <c>ResolveReport</c> are used, so the same file measures
/// earlier commits (`BENCH_LABEL` names the run; each run appends its row to bench/RESULTS-throughput.md).
/// </summary>
public static class ThroughputBench
{
    public static async Task RunAsync(string[] args, Func<Task> ensureAzurite)
    {
        var agents = Option(args, "--callers", 64);
        var seconds = Option(args, "--seconds", 20);
        var memory = args.Contains("--memory"); // the Producer's own ceiling, without Azurite
        var ops = args.Contains("--ops"); // where the storage round trips go (CountingGrainStorage)
        var label = (Environment.GetEnvironmentVariable("BENCH_LABEL") ?? "this commit") + (memory ? ", memory storage" : "");
        await ensureAzurite();

        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        var container = $"bench-throughput-{Guid.NewGuid():N}"[..30];
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStudioProviders();
            var storage = ops ? "bench-inner" : StudioStreams.Storage;
            if (!memory)
                silo.AddAzureBlobGrainStorage(storage, o =>
                {
                    o.BlobServiceClient = SiloProfiles.Blobs("UseDevelopmentStorage=true");
                    o.ContainerName = container;
                });
            else if (ops) silo.AddMemoryGrainStorage(storage);
            if (ops)
                silo.Services.AddKeyedSingleton<IGrainStorage>(StudioStreams.Storage, (sp, _) =>
                    new CountingGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(storage), sp.GetRequiredService<IGrainStorageSerializer>()));
            silo.Services.AddOrchestrationGrains();
            // Measured without the caller gate, so every commit it is copied into measures the same studio work (the
            // gate came later; bench --identity measures what it costs). By name: older commits have no such type.
            foreach (var gate in silo.Services.Where(d => d.ImplementationType?.Name == "CallerGate").ToList()) silo.Services.Remove(gate);
        });
        builder.ConfigureClient(client => client.AddOrchestrationStreams());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var client = cluster.Client;

        var baseline = await Load(agents, TimeSpan.FromSeconds(5), (_, _) => client.GetGrain<INoopGrain>(7).Noop());
        Console.Error.WriteLine($"baseline: {baseline.PerSecond:N0} no-op calls/s from {agents} callers");
        var writes = await Load(agents, TimeSpan.FromSeconds(5), (a, n) => client.GetGrain<IWriterGrain>(a).Write(n));
        Console.Error.WriteLine($"storage: {writes.PerSecond:N0} writes/s of 1 KB from {agents} grains, p50 {writes.P50:0.0} ms");

        var studio = client.GetGrain<IProducerGrain>("bench-throughput");
        for (var a = 0; a < agents; a++)
            await studio.RegisterAgent(new AgentRegistration($"agent-{a}", AgentKinds.ProjectShipper, $"Agent {a}", 10, AgentHosting.External));
        async Task ReportAndResolve(string id, int agent)
        {
            await studio.ReportBlocker(Blocker(id, agent));
            await studio.ResolveReport(new ResolveReport(id, $"agent-{agent}", "unblocked"));
        }

        await Load(agents, TimeSpan.FromSeconds(2), (a, n) => ReportAndResolve($"warm-{a}-{n}", a)); // JIT, connections
        var profile = ops ? (CountingGrainStorage)cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StudioStreams.Storage) : null;
        profile?.ResetOperations();
        var reports = await Load(agents, TimeSpan.FromSeconds(seconds), (a, n) => ReportAndResolve($"r-{a}-{n}", a));
        Console.Error.WriteLine($"reports: {reports.PerSecond:N0}/s, p50 {reports.P50:0.0} ms, p99 {reports.P99:0.0} ms, {reports.Failures} failed");
        var cycles = reports.PerSecond * seconds;
        foreach (var (operation, tally) in (profile?.Operations ?? []).OrderBy(o => o.Key, StringComparer.Ordinal))
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {operation,-24} {tally.Count / cycles,6:0.00} per report, {tally.Count / (double)seconds,7:N0}/s, mean {TimeSpan.FromTicks(tally.Ticks * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency / Math.Max(1, tally.Count)).TotalMilliseconds:0.0} ms{(tally.Bytes > 0 ? $", {tally.Bytes / 1024.0 / Math.Max(1, tally.Count):0.0} KB each" : "")}"));
        if (ops) return;

        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {DateTime.UtcNow:yyyy-MM-dd} | {agents} | {reports.PerSecond:N0} | {reports.P50:0.0} | {reports.P99:0.0} | {reports.Failures} | {baseline.PerSecond:N0} | {reports.PerSecond / baseline.PerSecond:P2} |");
        var path = Path.Combine(Root(), "bench", "RESULTS-throughput.md");
        if (!File.Exists(path))
            await File.WriteAllTextAsync(path,
                "# One studio's report throughput from 64 agents (Azurite)\n\n" +
                "`dotnet run -c Release --project bench/Orchestration.Bench -- --throughput` (`--callers N`, `--seconds N`; `BENCH_LABEL` names the row).\n\n" +
                "| run | date | callers | reports/s (each resolved) | report + resolve p50 ms | p99 ms | failed | no-op calls/s (baseline) | reports ÷ baseline |\n" +
                "|---|---|---|---|---|---|---|---|---|\n");
        await File.AppendAllTextAsync(path, row + "\n");
        Console.WriteLine(row);
    }

    private sealed record Outcome(double PerSecond, double P50, double P99, int Failures);

    /// <summary>Each caller calls in a loop until the time is up; the rate counts calls that succeeded.</summary>
    private static async Task<Outcome> Load(int callers, TimeSpan duration, Func<int, int, Task> call)
    {
        var latencies = new List<double>[callers];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var mine = latencies[caller] = [];
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var started = clock.Elapsed;
                try
                {
                    await call(caller, n);
                    mine.Add((clock.Elapsed - started).TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Outcome(all.Length / elapsed, Percentile(all, 0.5), Percentile(all, 0.99), failures);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static BlockerReport Blocker(string id, int agent) => new(id, $"agent-{agent}", "checkout", "Experiment needs three more weeks",
        "checkout-v2", "Release date at risk", Severity.High, "studio-producer");

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestration.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
