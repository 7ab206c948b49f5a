using System.Globalization;
using Orchestration.Client.Hosting;
using Orchestration.Client.Identity;
using Orchestration.Grains;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Silo.Hosting;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>
/// What identity costs on the report path: 64 agents, each with its own agent credential, report a blocker and resolve
/// it in a loop, on a cluster whose silo checks every call (the caller gate, silo stamps on the Producer's own calls)
/// — against the same load on a cluster with both removed and no credential sent. Both clusters run in this process,
/// memory storage (so the gate's share is as large as it can be), measured in alternating windows A B A B so drift in
/// the machine's load falls on both. Target: the gated path keeps ≥ 90 % of the ungated rate.
/// </summary>
public static class IdentityBench
{
    private const string StudioId = "bench-identity";

    public static async Task RunAsync(string[] args)
    {
        var agents = BenchSetup.Option(args, "--callers", 64);
        var window = TimeSpan.FromSeconds(BenchSetup.Option(args, "--seconds", 8));
        var rounds = BenchSetup.Option(args, "--rounds", 2);
        var label = Environment.GetEnvironmentVariable("BENCH_LABEL") ?? "this commit";

        await using var gated = await StartAsync(gate: true);
        await using var open = await StartAsync(gate: false);

        var tokens = new string[agents];
        var credentials = gated.Client.GetGrain<ICredentialsGrain>(StudioId);
        for (var a = 0; a < agents; a++)
            tokens[a] = (await credentials.Issue(new CredentialRequest(Agent(a), CredentialRole.Agent))).Token;
        for (var a = 0; a < agents; a++)
        {
            using (CallerCredential.Use(tokens[a]))
                await gated.Client.GetGrain<IProducerGrain>(StudioId).RegisterAgent(new AgentRegistration("", AgentKinds.ProjectShipper, Agent(a), 10, AgentHosting.External));
            await open.Client.GetGrain<IProducerGrain>(StudioId).RegisterAgent(new AgentRegistration(Agent(a), AgentKinds.ProjectShipper, Agent(a), 10, AgentHosting.External));
        }

        async Task Gated(int agent, long n)
        {
            using var _ = CallerCredential.Use(tokens[agent]);
            var studio = gated.Client.GetGrain<IProducerGrain>(StudioId);
            var id = $"r-{agent}-{n}-{Guid.NewGuid():N}";
            await studio.ReportBlocker(BenchSetup.Blocker(id, ""));
            await studio.ResolveReport(new ResolveReport(id, "", "unblocked"));
        }

        async Task Open(int agent, long n)
        {
            var studio = open.Client.GetGrain<IProducerGrain>(StudioId);
            var id = $"r-{agent}-{n}-{Guid.NewGuid():N}";
            await studio.ReportBlocker(BenchSetup.Blocker(id, Agent(agent)));
            await studio.ResolveReport(new ResolveReport(id, Agent(agent), "unblocked"));
        }

        // Warm both (JIT, connections, the credential caches), then A B A B.
        await Load.RunAsync(agents, TimeSpan.FromSeconds(5), Gated);
        await Load.RunAsync(agents, TimeSpan.FromSeconds(5), Open);
        var baseline = await Load.RunAsync(agents, TimeSpan.FromSeconds(3), (_, _) => open.Client.GetGrain<INoopGrain>(7).Noop());
        Console.Error.WriteLine($"baseline: {baseline.PerSecond:N0} no-op calls/s from {agents} callers");
        var (withGate, without) = (new List<LoadResult>(), new List<LoadResult>());
        for (var round = 0; round < rounds; round++)
        {
            withGate.Add(await Load.RunAsync(agents, window, Gated));
            without.Add(await Load.RunAsync(agents, window, Open));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: gated {withGate[^1].PerSecond:N0}/s (p50 {withGate[^1].P50:0.0} ms), ungated {without[^1].PerSecond:N0}/s (p50 {without[^1].P50:0.0} ms)"));
        }

        var (gatedRate, openRate) = (withGate.Average(r => r.PerSecond), without.Average(r => r.PerSecond));
        var failed = withGate.Sum(r => r.Failed + r.TimedOut) + without.Sum(r => r.Failed + r.TimedOut);
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {DateTime.UtcNow:yyyy-MM-dd} | {agents} | {baseline.PerSecond:N0} | {gatedRate:N0} ({gatedRate / baseline.PerSecond:P1}) | {openRate:N0} ({openRate / baseline.PerSecond:P1}) | {gatedRate / openRate:P1} | {withGate.Average(r => r.P50):0.0} / {without.Average(r => r.P50):0.0} | {failed} |");
        var path = Path.Combine(BenchSetup.Root(), "bench", "RESULTS-identity.md");
        if (!File.Exists(path))
            await File.WriteAllTextAsync(path,
                "# What identity costs on the report path (one in-process silo each, memory storage)\n\n" +
                "`dotnet run -c Release --project bench/Orchestration.Bench -- --identity` (`--callers N`, `--seconds N` a window, `--rounds N`; `BENCH_LABEL` names the row).\n" +
                "Each of 64 agents reports a blocker and resolves it, in a loop: with its own agent credential on a silo that checks every call (caller gate,\n" +
                "silo stamps), and on a silo with both removed, no credential sent; windows alternate (A B A B) in one run. Rates are report+resolve pairs\n" +
                "a second, in brackets their share of the no-op baseline. Target: gated ÷ ungated ≥ 90 %.\n\n" +
                "| run | date | callers | no-op calls/s (baseline) | gated/s | ungated/s | gated ÷ ungated | p50 ms gated / ungated | failed |\n" +
                "|---|---|---|---|---|---|---|---|---|\n");
        await File.AppendAllTextAsync(path, row + "\n");
        Console.WriteLine(row);
    }

    private static string Agent(int a) => $"agent-{a}";

    private static async Task<InProcessTestCluster> StartAsync(bool gate)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStudioProviders();
            var before = silo.Services.Count;
            silo.Services.AddOrchestrationGrains();
            silo.WithRoot();
            if (gate) return;
            // The studio's own call filters are its identity: the caller gate (incoming) and the silo stamp (outgoing).
            foreach (var identity in silo.Services.Skip(before).Where(d => d.ImplementationType?.Name == "CallerGate" || d.ServiceType == typeof(IOutgoingGrainCallFilter)).ToList())
                silo.Services.Remove(identity);
        });
        builder.ConfigureClient(client => client.AddOrchestrationStreams().UseOrchestrationCredential(gate ? BenchSetup.RootToken : null));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
