using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.AzureStorage;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.ServiceDefaults;
using Orchestration.Silo.Hosting;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>
/// <c>--deployed</c>: what operators run, as deploy/local-cluster.sh starts it — silo processes on the Azure profile
/// (Table clustering and reminders, Blob state, Queue streams, mutual TLS) on Azurite — driven through the client
/// library with its defaults (each call bounded and retried with the same id). In the same run, the same load on one
/// in-process silo with only grain state on Azurite (memory streams and reminders): the ceiling the deployed figure is
/// read against. Every figure is also a ratio to the run's baseline, a read of the studio over the same connection.
/// <c>--broadcast N</c> (default 1,000; 0 skips it) has N hosted agents join a studio and times a strategy reaching
/// each. <c>--kills N</c> adds N kills of the Producer's silo under load, each followed by a restart.
/// </summary>
public static class DeployedBench
{
    private const string Connection = "UseDevelopmentStorage=true";

    public static async Task RunAsync(string[] args, Func<Task> ensureAzurite)
    {
        var silos = BenchSetup.Option(args, "--silos", 3);
        var seconds = BenchSetup.Option(args, "--seconds", 20);
        var kills = BenchSetup.Option(args, "--kills", 0);
        var broadcastTo = BenchSetup.Option(args, "--broadcast", 1_000);
        var label = Environment.GetEnvironmentVariable("BENCH_LABEL") ?? "this commit";
        await ensureAzurite();
        var rows = new List<string>();
        void Row(string what, string figure, string ratio)
        {
            var row = $"| {label} | {what} | {figure} | {ratio} |";
            rows.Add(row);
            Console.WriteLine(row);
        }

        // The ceiling first, so both figures come from one run of the machine.
        var ceiling = await InProcessPairsAsync(64, seconds);
        Row("in-process silo, Blob state on Azurite, memory streams: report + resolve pairs, 64 callers", Pairs(ceiling), "ceiling");

        await using var cluster = await DeployedCluster.StartAsync(silos);
        using var client = await cluster.ConnectAsync();
        var studio = StudioClient.Create(client.Services, "bench-deployed");
        for (var a = 0; a < 64; a++) await studio.RegisterExternalAgentAsync($"agent-{a}", AgentKinds.ProjectShipper, $"Agent {a}", 10);

        var baseline = await Load.RunAsync(64, TimeSpan.FromSeconds(5), (_, _) => studio.Producer.GetStrategy());
        Row($"baseline: a read of the studio over the gateway (TLS), 64 callers, {silos} silos", $"{baseline.PerSecond:N0}/s, p50 {baseline.P50:0.0} ms", "1");

        async Task Pair(string id, int agent)
        {
            await studio.ReportBlockerAsync(BenchSetup.Blocker(id, $"agent-{agent}"));
            await studio.CallAsync(s => s.Producer.ResolveReport(new ResolveReport(id, $"agent-{agent}", "unblocked")));
        }

        await Load.RunAsync(32, TimeSpan.FromSeconds(3), (w, n) => Pair($"warm-{w}-{n}", w)); // JIT, connections, activations
        foreach (var callers in new[] { 32, 64 })
        {
            var before = await ProducerStepsAsync(cluster);
            var pairs = await Load.RunAsync(callers, TimeSpan.FromSeconds(seconds), (w, n) => Pair($"p{callers}-{w}-{n}", w));
            var steps = Since(before, await ProducerStepsAsync(cluster));
            Row($"deployed, {silos} silos: report + resolve pairs, {callers} callers", Pairs(pairs),
                string.Create(CultureInfo.InvariantCulture, $"{pairs.PerSecond / baseline.PerSecond:0.0000} × baseline; {pairs.PerSecond / ceiling.PerSecond:P0} of the ceiling"));
            Row($"deployed, {callers} callers: where the Producer's time goes (mean per step, steps a second)", string.Join(" · ", steps
                .OrderBy(s => Array.IndexOf(StepOrder, s.Key)).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {1_000 * s.Value.Sum / s.Value.Count:0.0} ms ({s.Value.Count / seconds:0}/s)"))),
                "orchestration.producer.duration on the silos' /metrics");
        }

        // Open work: the report call's p50 from one caller as the open blockers grow (each measured report is resolved
        // after it is timed, so the open count stays where it was filled to).
        var open = 0;
        double? first = null;
        foreach (var target in new[] { 200, 1_200, 5_200 })
        {
            for (; open < target; open += Math.Min(32, target - open)) // 32 at a time, left open
                await Task.WhenAll(Enumerable.Range(open, Math.Min(32, target - open)).Select(i =>
                    studio.ReportBlockerAsync(BenchSetup.Blocker($"open-{i}", $"agent-{i % 64}"))));
            var latencies = new List<double>();
            var clock = Stopwatch.StartNew();
            for (var n = 0; clock.Elapsed < TimeSpan.FromSeconds(10); n++)
            {
                var id = $"m{target}-{n}";
                var started = Stopwatch.GetTimestamp();
                await studio.ReportBlockerAsync(BenchSetup.Blocker(id, "agent-0"));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await studio.CallAsync(s => s.Producer.ResolveReport(new ResolveReport(id, "agent-0", "unblocked")));
            }

            var p50 = Load.Percentile([.. latencies.Order()], 0.5);
            first ??= p50;
            Row($"deployed: report p50, 1 caller, {target:N0} open blockers", $"{p50:0.0} ms ({latencies.Count} reports)",
                string.Create(CultureInfo.InvariantCulture, $"{p50 / first.Value:0.00} × at 200 open; {p50 / baseline.P50:0.0} × baseline p50"));
        }

        if (broadcastTo > 0) await BroadcastAsync(client, broadcastTo, baseline, Row);

        for (var k = 1; k <= kills; k++)
        {
            var (gap, failed, calls) = await KillUnderLoadAsync(cluster, client, studio, k);
            Row($"deployed: kill -9 of the Producer's silo under 32 callers, run {k}", $"longest gap {gap.TotalSeconds:0.0} s, {failed} failed of {calls:N0}", gap < TimeSpan.FromSeconds(10) && failed == 0 ? "met (< 10 s, none failed)" : "not met");
        }

        var path = Path.Combine(BenchSetup.Root(), "bench", "RESULTS-deployed.md");
        if (!File.Exists(path))
            await File.WriteAllTextAsync(path,
                "# The deployed profile (Azure providers, Queue streams, mutual TLS, several silo processes) on Azurite\n\n" +
                "`dotnet run -c Release --project bench/Orchestration.Bench -- --deployed` (`--silos N`, `--seconds N`, `--broadcast N`, `--kills N`; `BENCH_LABEL` names the rows).\n\n" +
                "| run | what | figure | ratio |\n|---|---|---|---|\n");
        // The rows go under the table's last row, above the notes that follow it.
        var lines = (await File.ReadAllLinesAsync(path)).ToList();
        lines.InsertRange(lines.FindLastIndex(l => l.StartsWith('|')) + 1,
            rows.Select(r => r.Replace("| " + label + " |", $"| {label}, {DateTime.UtcNow:yyyy-MM-dd} |", StringComparison.Ordinal)));
        await File.WriteAllLinesAsync(path, lines);
    }

    /// <summary>
    /// Hosted agents (the experiment-tracker kind, in the silo processes) join one studio; a strategy is published; each
    /// agent's inbox log says when it applied it (on the silos' clock, the machine's). Joining is timed too: each
    /// agent subscribes to the studio's strategy stream, whose subscriptions Orleans keeps in one stored record.
    /// </summary>
    private static async Task BroadcastAsync(IHost client, int agents, LoadResult baseline, Action<string, string, string> row)
    {
        var studio = StudioClient.Create(client.Services, $"bench-broadcast-{agents}-{Guid.NewGuid():N}"[..40]);
        var ids = Enumerable.Range(0, agents).Select(a => $"{studio.StudioId}-{a}").ToList();
        var joining = Stopwatch.StartNew();
        foreach (var batch in ids.Chunk(64))
            await Task.WhenAll(batch.Select(id => studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, id, "agent", 1)));
        joining.Stop();
        row($"deployed: {agents:N0} hosted agents join one studio", $"{joining.Elapsed.TotalSeconds:0.0} s ({agents / joining.Elapsed.TotalSeconds:0}/s)", "");

        var publishedAt = DateTimeOffset.UtcNow;
        var strategy = await studio.PublishStrategyAsync(new StrategyChange("bench-broadcast", 1, ["growth"], [], "bench", "bench"));
        var reached = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var waiting = Stopwatch.StartNew();
        while (reached.Count < agents && waiting.Elapsed < TimeSpan.FromMinutes(2))
        {
            foreach (var batch in ids.Where(id => !reached.ContainsKey(id)).ToList().Chunk(64))
            {
                // An agent still busy past the call's timeout (storage behind its write) is asked again next round.
                var snapshots = await Task.WhenAll(batch.Select(async id =>
                {
                    try
                    {
                        return await studio.HostedAgent<IExperimentTrackerGrain>(id).GetSnapshot();
                    }
                    catch (TimeoutException)
                    {
                        return null;
                    }
                }));
                foreach (var snapshot in snapshots.OfType<AgentSnapshot>())
                    if (snapshot.Inbox.LastOrDefault(m => m.MessageId == strategy.MessageId)?.ReceivedAt is { } at) reached[snapshot.AgentId] = at;
            }

            if (reached.Count < agents) await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var latencies = reached.Values.Select(at => (at - publishedAt).TotalMilliseconds).Order().ToArray();
        var (p50, p99, last) = (Load.Percentile(latencies, 0.5), Load.Percentile(latencies, 0.99), latencies.DefaultIfEmpty(0).Max());
        row($"deployed: strategy broadcast to {agents:N0} hosted agents, time until each applied it", string.Create(CultureInfo.InvariantCulture,
                $"p50 {p50:0} ms, p99 {p99:0} ms, last {last:0} ms, {agents - latencies.Length} missed"),
            string.Create(CultureInfo.InvariantCulture, $"{(p99 < 250 && latencies.Length == agents ? "met" : "not met")} (p99 < 250 ms); last {last / baseline.P50:0} × baseline p50"));
    }

    private static readonly string[] StepOrder = ["write", "delivery", "journal", "stores", "events", "hosted", "broadcast", "feed"];

    /// <summary>Every silo's orchestration.producer.duration histogram, summed: seconds and count per step.</summary>
    private static async Task<Dictionary<string, (double Sum, long Count)>> ProducerStepsAsync(DeployedCluster cluster)
    {
        using var http = new HttpClient();
        var steps = new Dictionary<string, (double Sum, long Count)>(StringComparer.Ordinal);
        foreach (var silo in cluster.Silos)
            foreach (var line in (await http.GetStringAsync($"http://127.0.0.1:{silo.HttpPort}/metrics")).Split('\n'))
            {
                var sum = line.StartsWith("orchestration_producer_duration_seconds_sum{", StringComparison.Ordinal);
                if (!sum && !line.StartsWith("orchestration_producer_duration_seconds_count{", StringComparison.Ordinal)) continue;
                var at = line.IndexOf("step=\"", StringComparison.Ordinal) + 6;
                var step = line[at..line.IndexOf('"', at)];
                var value = double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
                var (s, c) = steps.GetValueOrDefault(step);
                steps[step] = sum ? (s + value, c) : (s, c + (long)value);
            }

        return steps;
    }

    private static Dictionary<string, (double Sum, long Count)> Since(Dictionary<string, (double Sum, long Count)> before, Dictionary<string, (double Sum, long Count)> after) =>
        after.Select(s => (s.Key, Sum: s.Value.Sum - before.GetValueOrDefault(s.Key).Sum, Count: s.Value.Count - before.GetValueOrDefault(s.Key).Count))
            .Where(s => s.Count > 0).ToDictionary(s => s.Key, s => (s.Sum, s.Count), StringComparer.Ordinal);

    private static string Pairs(LoadResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.PerSecond:N1} pairs/s, p50 {r.P50:0} ms, p99 {r.P99:0} ms, {r.TimedOut + r.Failed} failed");

    /// <summary>The in-process ceiling: one silo, grain state on Azurite's blobs, streams and reminders in memory.</summary>
    private static async Task<LoadResult> InProcessPairsAsync(int callers, int seconds)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        var container = $"bench-ceiling-{Guid.NewGuid():N}"[..30];
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStudioProviders();
            silo.AddAzureBlobGrainStorage(StudioStreams.Storage, o => (o.BlobServiceClient, o.ContainerName) = (SiloProfiles.Blobs(Connection), container));
            silo.Services.AddOrchestrationGrains();
            silo.WithRoot();
        });
        builder.ConfigureClient(client => client.AddOrchestrationStreams().AsRoot());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var studio = new StudioClient(cluster.Client, "bench-ceiling");
        for (var a = 0; a < callers; a++) await studio.RegisterExternalAgentAsync($"agent-{a}", AgentKinds.ProjectShipper, $"Agent {a}", 10);
        async Task Pair(string id, int agent)
        {
            await studio.ReportBlockerAsync(BenchSetup.Blocker(id, $"agent-{agent}"));
            await studio.CallAsync(s => s.Producer.ResolveReport(new ResolveReport(id, $"agent-{agent}", "unblocked")));
        }

        await Load.RunAsync(callers, TimeSpan.FromSeconds(3), (w, n) => Pair($"warm-{w}-{n}", w));
        try
        {
            return await Load.RunAsync(callers, TimeSpan.FromSeconds(seconds), (w, n) => Pair($"c-{w}-{n}", w));
        }
        finally
        {
            await SiloProfiles.Blobs(Connection).DeleteBlobContainerAsync(container);
        }
    }

    /// <summary>32 callers report and resolve without pause (the client's defaults: no timeout of ours); the Producer's
    /// silo is killed; the longest time without a successful report, and the calls that failed even so. The silo is restarted
    /// after, so the next kill meets three silos again.</summary>
    private static async Task<(TimeSpan Gap, int Failed, int Calls)> KillUnderLoadAsync(DeployedCluster cluster, IHost client, StudioClient studio, int run)
    {
        var producerSilo = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetActivationAddress(studio.Producer);
        var victim = cluster.Silos.Single(s => s.SiloPort == producerSilo!.Endpoint.Port);
        var clock = Stopwatch.StartNew();
        var completions = new List<TimeSpan>[32];
        var failed = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 32).Select(c => Task.Run(async () =>
        {
            var mine = completions[c] = [];
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    // A pair, so the studio's open reports stay where they are however long the run.
                    var id = $"kill{run}-{c}-{n}";
                    await studio.ReportBlockerAsync(BenchSetup.Blocker(id, $"agent-{c}"));
                    lock (mine) mine.Add(clock.Elapsed);
                    await studio.CallAsync(s => s.Producer.ResolveReport(new ResolveReport(id, $"agent-{c}", "unblocked")));
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref failed) == 1) Console.Error.WriteLine($"kill {run}: first failure at {clock.Elapsed.TotalSeconds:0.0} s: {e.GetType().Name}: {e.Message}");
                    await Task.Delay(TimeSpan.FromMilliseconds(100)); // a caller that fails waits before it tries again, as a service would
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(5));
        var killedAt = clock.Elapsed;
        victim.Kill();
        await Task.Delay(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        var times = completions.SelectMany(c => c).Order().ToList();
        var gap = times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        Console.Error.WriteLine($"kill {run}: silo :{victim.SiloPort} killed at {killedAt.TotalSeconds:0.0} s; first report after it at {(times.FirstOrDefault(t => t > killedAt) - killedAt).TotalSeconds:0.0} s");
        await cluster.RestartAsync(victim);
        await Task.Delay(TimeSpan.FromSeconds(15)); // the restarted silo joins; the next kill meets a settled cluster
        return (gap, failed, times.Count);
    }

    /// <summary>Silo processes as deploy/local-cluster.sh starts them: the Azure profile, Azurite, mutual TLS with a
    /// development authority (deploy/tls/make-dev-certs.sh), one stream key and root key, a cluster of their own.</summary>
    private sealed class DeployedCluster : IAsyncDisposable
    {
        private readonly string _directory;
        private readonly string[] _settings;

        private DeployedCluster(string directory, string[] settings, string clusterId, string serviceId) =>
            (_directory, _settings, ClusterId, ServiceId) = (directory, settings, clusterId, serviceId);

        public string ClusterId { get; }

        public string ServiceId { get; }

        public List<SiloProcess> Silos { get; } = [];

        public static async Task<DeployedCluster> StartAsync(int silos)
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            var directory = Path.Combine(Path.GetTempPath(), $"orchestration-bench-{run}");
            using (var certificates = Process.Start("bash", [Path.Combine(BenchSetup.Root(), "deploy", "tls", "make-dev-certs.sh"), directory, "bench"]))
                await certificates.WaitForExitAsync();
            var (clusterId, serviceId) = ($"bench-{run}", $"bench-{run}");
            string[] settings =
            [
                "--Orchestration:Profile=Azure", $"--Orchestration:AzureStorage={Connection}", $"--Orchestration:ClusterId={clusterId}",
                $"--Orchestration:ServiceId={serviceId}", $"--Orchestration:StreamSigningKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
                $"--Orchestration:RootKey={BenchSetup.RootKey}", $"--Orchestration:Tls:Certificate={Path.Combine(directory, "silo.pfx")}",
                $"--Orchestration:Tls:Authority={Path.Combine(directory, "ca.pem")}", "--Orchestration:AdvertisedAddress=127.0.0.1", "--Studio:LogEvents=false",
                "--Logging:LogLevel:Default=Warning",
            ];
            var cluster = new DeployedCluster(directory, settings, clusterId, serviceId);
            for (var i = 0; i < silos; i++) cluster.Silos.Add(SiloProcess.Start(settings, FreePort(), FreePort(), FreePort()));
            foreach (var silo in cluster.Silos) await silo.WaitReadyAsync();
            return cluster;
        }

        public async Task RestartAsync(SiloProcess dead)
        {
            var again = SiloProcess.Start(_settings, dead.SiloPort, dead.GatewayPort, dead.HttpPort);
            Silos[Silos.IndexOf(dead)] = again;
            await again.WaitReadyAsync();
        }

        /// <summary>An agent service's client: the library's defaults, the cluster's certificate, the bench's root credential.</summary>
        public async Task<IHost> ConnectAsync()
        {
            var host = Host.CreateApplicationBuilder();
            host.UseOrleansClient(client => client
                .UseOrchestrationAzure(Connection, ClusterId, OrchestrationTls.Load(Path.Combine(_directory, "bench.pfx"), null, Path.Combine(_directory, "ca.pem")), ServiceId)
                .AsRoot());
            var app = host.Build();
            await app.StartAsync();
            return app;
        }

        /// <summary>Stops the silos and deletes what the run stored: Azurite keeps every container, queue and row until told,
        /// and one that has gathered gigabytes over a day of runs is slower in every figure (12 GB here: half the rate).</summary>
        public async ValueTask DisposeAsync()
        {
            foreach (var silo in Silos) silo.Kill();
            foreach (var silo in Silos) await silo.Exited;
            Directory.Delete(_directory, recursive: true);
            var blobs = SiloProfiles.Blobs(Connection);
            await foreach (var container in blobs.GetBlobContainersAsync(prefix: ServiceId.ToLowerInvariant()))
                await blobs.DeleteBlobContainerAsync(container.Name);
            var queues = AzureStorageClients.Queues(Connection);
            foreach (var queue in AzureStorageClients.QueueNames(ClusterId)) await queues.DeleteQueueAsync(queue);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>One silo process, its output kept for when it does not start.</summary>
    private sealed class SiloProcess(Process process, int siloPort, int gatewayPort, int httpPort)
    {
        private readonly System.Text.StringBuilder _output = new();

        public int SiloPort => siloPort;

        public int GatewayPort => gatewayPort;

        public int HttpPort => httpPort;

        public Task Exited => process.WaitForExitAsync();

        public static SiloProcess Start(string[] settings, int siloPort, int gatewayPort, int httpPort)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
            foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Orchestration.Silo.dll"), .. settings,
                         $"--Orchestration:SiloPort={siloPort}", $"--Orchestration:GatewayPort={gatewayPort}", $"--Orchestration:HttpUrl=http://127.0.0.1:{httpPort}"])
                start.ArgumentList.Add(arg);
            var silo = new SiloProcess(Process.Start(start)!, siloPort, gatewayPort, httpPort);
            silo.Capture();
            return silo;
        }

        private void Capture()
        {
            process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public async Task WaitReadyAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(180))
            {
                if (process.HasExited) break;
                try
                {
                    if ((await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health/ready"))).StatusCode == HttpStatusCode.OK) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not up yet
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }

            lock (_output) throw new InvalidOperationException($"silo :{siloPort} did not become ready:\n{_output}");
        }

        public void Kill() => process.Kill(entireProcessTree: true);
    }
}
