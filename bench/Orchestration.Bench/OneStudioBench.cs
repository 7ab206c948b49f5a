using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Streams;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Silo.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>
/// One studio, not one studio per caller: does a report cost the same after 20,000 operations as after 100? The
/// operations are blocker reports and their resolutions (so history grows while the open set stays small); the
/// report call is timed by one caller at the start and again after the studio's history has grown, on the memory
/// profile and on Azure Blob storage (Azurite). Bytes written to storage per report are counted by a storage
/// wrapper. Only the Producer's report and resolve calls are used, so the same file measures the first release too.
/// </summary>
public static class OneStudioBench
{
    private const int Window = 200;

    public static async Task RunAsync(string[] args, Func<Task> ensureAzurite)
    {
        var operations = Option(args, "--operations", 20_000);
        var azureOperations = Option(args, "--azure-operations", operations);
        var label = Environment.GetEnvironmentVariable("BENCH_LABEL") ?? "this commit";
        var rows = new List<string>();
        await ensureAzurite();
        var container = $"bench-studio-{Guid.NewGuid():N}"[..30];
        if (!args.Contains("--agents-only") && !args.Contains("--conflicts-only"))
        {
            rows.AddRange(await MeasureAsync("memory", operations, silo => silo.AddMemoryGrainStorage(Inner)));
            rows.AddRange(await MeasureAsync("azurite", azureOperations, silo => silo.AddAzureBlobGrainStorage(Inner, o =>
            {
                o.BlobServiceClient = SiloProfiles.Blobs("UseDevelopmentStorage=true");
                o.ContainerName = container;
            })));
        }

        var conflicts = Option(args, "--conflicts", 5_000);
        var conflictRow = args.Contains("--agents-only") ? null : await ConflictsAsync(conflicts, silo => silo.AddMemoryGrainStorage(Inner));

        var joins = Option(args, "--agents", 10_000);
        var agentRows = new List<string>();
        if (!args.Contains("--conflicts-only")) agentRows.Add(await JoinAsync("memory", joins, silo => silo.AddMemoryGrainStorage(Inner)));
        if (!args.Contains("--agents-memory-only") && !args.Contains("--conflicts-only"))
            agentRows.Add(await JoinAsync("azurite", joins, silo => silo.AddAzureBlobGrainStorage(Inner, o =>
            {
                o.BlobServiceClient = SiloProfiles.Blobs("UseDevelopmentStorage=true");
                o.ContainerName = container + "-agents";
            })));

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# One studio: report cost against history ({label}, {DateTime.UtcNow:yyyy-MM-dd})")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"One caller times {Window} blocker reports at each point; between the points 16 callers fill the same studio with report + resolve pairs. Ratios are to the no-op grain call p50 of the same cluster.")
            .AppendLine()
            .AppendLine("| profile | after operations | report p50 ms | p99 ms | p50 ÷ no-op p50 | bytes written per report | Producer state bytes | p50 vs first point |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows) text.AppendLine(row);
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{joins:N0} agents join one studio, one registration at a time:")
            .AppendLine()
            .AppendLine("| profile | first half s | second half s | second ÷ first | bytes written per registration, last 100 |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var row in agentRows) text.AppendLine(row);
        if (conflictRow is not null)
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"{conflicts:N0} conflicts in one studio (memory), each raised by a slip, decided, applied by both agents and closed; then the decision log read back from the journal:")
                .AppendLine()
                .AppendLine("| conflicts | decisions read back | in order | first 10 % s | last 10 % s | last ÷ first | Producer state bytes at the end | read back s |")
                .AppendLine("|---|---|---|---|---|---|---|---|")
                .AppendLine(conflictRow);
        // A partial run (--agents-only, --conflicts-only) must not replace the full results.
        var partial = args.Contains("--agents-only") || args.Contains("--conflicts-only");
        var path = Path.Combine(Root(), "bench", partial ? "RESULTS-studio-partial.md" : "RESULTS-studio.md");
        await File.WriteAllTextAsync(path, text.ToString());
        Console.WriteLine(text);
    }

    private const string Inner = "studio-inner";

    private static async Task<List<string>> MeasureAsync(string profile, int operations, Action<ISiloBuilder> storage)
    {
        await using var cluster = await StartAsync(storage);
        var counting = (CountingGrainStorage)cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StudioStreams.Storage);

        // Warm up (JIT, activations, storage connections) on another studio, so the first point measures the studio.
        var warmup = cluster.Client.GetGrain<IProducerGrain>($"bench-warmup-{profile}");
        await warmup.RegisterAgent(new AgentRegistration("bench-warmup-agent", AgentKinds.ExperimentTracker, "Bench agent", 10, AgentHosting.External)); // agent ids belong to one studio
        for (var i = 0; i < 300; i++)
        {
            await warmup.ReportBlocker(Blocker($"warm-{i}", "bench-warmup-agent"));
            await warmup.ResolveReport(new ResolveReport($"warm-{i}", "bench", "resolved"));
        }

        var studio = cluster.Client.GetGrain<IProducerGrain>($"bench-one-studio-{profile}");
        await studio.RegisterAgent(new AgentRegistration("bench-agent", AgentKinds.ExperimentTracker, "Bench agent", 10, AgentHosting.External));
        var next = 0L;
        var done = 2L;
        var rows = new List<string>();
        double? first = null;

        foreach (var point in new[] { 100, operations })
        {
            // Fill up to the point with report + resolve pairs from 16 callers (in the same studio).
            var fill = Math.Max(0, (point - done) / 2);
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async worker =>
            {
                for (var i = worker; i < fill; i += 16)
                {
                    var id = $"fill-{Interlocked.Increment(ref next)}";
                    await studio.ReportBlocker(Blocker(id));
                    await studio.ResolveReport(new ResolveReport(id, "bench", "resolved"));
                }
            }));
            done += 2 * fill;

            var noop = await NoopP50(cluster.Client);
            var latencies = new double[Window];
            var bytes = 0L;
            for (var i = 0; i < Window; i++)
            {
                var id = $"timed-{Interlocked.Increment(ref next)}";
                var before = counting.Bytes;
                var clock = Stopwatch.StartNew();
                await studio.ReportBlocker(Blocker(id));
                latencies[i] = clock.Elapsed.TotalMilliseconds;
                bytes += counting.Bytes - before;
                await studio.ResolveReport(new ResolveReport(id, "bench", "resolved"));
            }

            done += 2 * Window;
            Array.Sort(latencies);
            var p50 = Load.Percentile(latencies, 0.5);
            first ??= p50;
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {profile} | {point:N0} | {p50:0.00} | {Load.Percentile(latencies, 0.99):0.00} | {p50 / noop:0.0} | {bytes / (double)Window:N0} | {counting.LastSize.GetValueOrDefault("producer"):N0} | {p50 / first.Value:0.00} × |"));
            Console.Error.WriteLine(rows[^1]);
        }

        return rows;
    }

    private static async Task<string> JoinAsync(string profile, int agents, Action<ISiloBuilder> storage)
    {
        await using var cluster = await StartAsync(storage);
        var counting = (CountingGrainStorage)cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StudioStreams.Storage);
        var studio = cluster.Client.GetGrain<IProducerGrain>($"bench-join-{profile}");
        var halves = new double[2];
        var bytes = 0L;
        for (var half = 0; half < 2; half++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = half * agents / 2; i < (half + 1) * agents / 2; i++)
            {
                var before = counting.Bytes;
                await studio.RegisterAgent(new AgentRegistration($"agent-{i}", AgentKinds.ExperimentTracker, $"Agent {i}", 2, AgentHosting.External));
                if (i >= agents - 100) bytes += counting.Bytes - before;
            }

            halves[half] = clock.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"{profile}: agents half {half + 1} in {halves[half]:0.0} s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"| {profile} | {halves[0]:0.0} | {halves[1]:0.0} | {halves[1] / halves[0]:0.00} × | {bytes / 100.0:N0} |");
    }

    /// <summary>Conflicts one after another in one studio, each closed and its work completed; then every decision is
    /// read back, in order, and the oldest conflict is looked up.</summary>
    private static async Task<string> ConflictsAsync(int conflicts, Action<ISiloBuilder> storage)
    {
        await using var cluster = await StartAsync(storage);
        var counting = (CountingGrainStorage)cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StudioStreams.Storage);
        var studioId = "bench-conflicts";
        var producer = cluster.Client.GetGrain<IProducerGrain>(studioId);
        var graph = cluster.Client.GetGrain<IWorkGraphGrain>(studioId);
        await producer.RegisterAgent(new AgentRegistration("tracker", AgentKinds.ExperimentTracker, "Tracker", 1_000, AgentHosting.External));
        await producer.RegisterAgent(new AgentRegistration("shipper", AgentKinds.ProjectShipper, "Shipper", 1_000, AgentHosting.External));
        await producer.PublishStrategy(new StrategyChange("bench-strategy", 1, ["customer-commitments", "checkout", "growth"], [], "Customers first", "bench"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var tenth = Math.Max(1, conflicts / 10);
        var first = 0.0;
        var last = 0.0;
        for (var i = 0; i < conflicts; i++)
        {
            var clock = Stopwatch.StartNew();
            var experiment = new WorkItem($"exp-{i}", WorkItemKind.Experiment, "tracker", "checkout", "Green CTA", today, today.AddDays(21), [], 200_000m, 10_000);
            var release = new WorkItem($"rel-{i}", WorkItemKind.Release, "shipper", "checkout", "One-page checkout", today, today.AddDays(30),
                [new Dependency(experiment.ItemId, 2)], Commitments: [new CustomerCommitment("Acme", 50, Contractual: true)]);
            await graph.DeclareWorkItem(experiment, "planned");
            await graph.DeclareWorkItem(release, "planned");
            experiment = experiment with { End = today.AddDays(42) };
            var raised = (await graph.DeclareWorkItem(experiment, "needs three more weeks")).ConflictsRaised.Single();
            var conflict = (await graph.GetConflict(raised))!;
            if (conflict.Decision is null)
                conflict = await graph.ApproveDecision(new ApproveDecision(raised, conflict.Options[0].OptionId, "bench", "first option"));

            // Each agent applies its action items (new dates, a dropped dependency), then acknowledges, as agents do.
            var items = new Dictionary<string, WorkItem> { [experiment.ItemId] = experiment, [release.ItemId] = release };
            foreach (var action in conflict.Decision!.ActionItems)
            {
                var item = items[action.ItemId];
                var applied = item with
                {
                    Start = action.NewStart ?? item.Start,
                    End = action.NewEnd ?? item.End,
                    DependsOn = action.Action == ActionKind.Descope ? [.. item.DependsOn.Where(d => d.ItemId != action.DropDependencyOn)] : item.DependsOn,
                };
                if (applied != item) await graph.DeclareWorkItem(items[action.ItemId] = applied, $"applying {action.ActionItemId}");
            }

            foreach (var agent in conflict.Agents)
                await graph.AcknowledgeDecision(new DecisionAcknowledgement(raised, conflict.Decision.DecisionId, agent));

            // The experiment concludes and the release ships: finished work leaves the active graph.
            await graph.CompleteWorkItem(new WorkItemCompletion(experiment.ItemId, "tracker"));
            await graph.CompleteWorkItem(new WorkItemCompletion(release.ItemId, "shipper"));
            if (i < tenth) first += clock.Elapsed.TotalSeconds;
            if (i >= conflicts - tenth) last += clock.Elapsed.TotalSeconds;
            if ((i + 1) % 250 == 0) Console.Error.WriteLine($"conflicts: {i + 1} closed, the last took {clock.Elapsed.TotalMilliseconds:0} ms, Producer state {counting.LastSize.GetValueOrDefault("producer"):N0} bytes");
        }

        var read = Stopwatch.StartNew();
        var journal = cluster.Client.GetGrain<Orchestration.Grains.Interfaces.Journal.IStudioJournalGrain>(studioId);
        var decisions = new List<string>();
        for (var after = 0L; ;)
        {
            var page = await journal.Read(new Orchestration.Grains.Interfaces.Journal.JournalQuery(after, Orchestration.Grains.Interfaces.Journal.JournalQuery.MaxLimit, ["DecisionRecorded"]));
            decisions.AddRange(page.Events.Cast<Orchestration.Grains.Interfaces.Messages.DecisionRecorded>().Select(d => d.Decision.ConflictId));
            if (page.AtEnd) break;
            after = page.Next;
        }

        var inOrder = decisions.SequenceEqual(Enumerable.Range(1, conflicts).Select(n => $"conflict-{n}"))
            && (await graph.GetConflict("conflict-1"))?.Decision?.DecisionId == "decision-1";
        Console.Error.WriteLine($"conflicts: {decisions.Count} decisions read back, in order: {inOrder}: {string.Join(" ", decisions.Take(3))} …");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {conflicts:N0} | {decisions.Count:N0} | {(inOrder ? "yes" : "no")} | {first:0.0} | {last:0.0} | {last / first:0.00} × | {counting.LastSize.GetValueOrDefault("producer"):N0} | {read.Elapsed.TotalSeconds:0.0} |");
    }

    private static async Task<InProcessTestCluster> StartAsync(Action<ISiloBuilder> storage)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStudioProviders();
            storage(silo);
            // The studio's grain storage, counted: registered last, so it replaces the one the profile added.
            silo.Services.AddKeyedSingleton<IGrainStorage>(StudioStreams.Storage, (sp, _) =>
                new CountingGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(Inner), sp.GetRequiredService<IGrainStorageSerializer>()));
            silo.Services.AddOrchestrationGrains();
            silo.WithRoot();
        });
        builder.ConfigureClient(client => client.AddOrchestrationStreams().AsRoot());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<double> NoopP50(IClusterClient client)
    {
        var samples = new double[500];
        for (var i = 0; i < samples.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            await client.GetGrain<INoopGrain>(7).Noop();
            samples[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        return Load.Percentile(samples, 0.5);
    }

    private static BlockerReport Blocker(string id, string agent = "bench-agent") => BenchSetup.Blocker(id, agent);

    private static int Option(string[] args, string name, int fallback) => BenchSetup.Option(args, name, fallback);

    private static string Root() => BenchSetup.Root();
}
