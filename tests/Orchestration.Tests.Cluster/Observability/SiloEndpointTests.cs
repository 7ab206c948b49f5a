using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Observability;

/// <summary>A real silo process: its health endpoints answer, and after a scripted run its Prometheus endpoint
/// holds the domain metrics with the values the run implies.</summary>
public partial class SiloEndpointTests
{
    [Fact]
    public async Task After_a_scripted_run_the_prometheus_endpoint_holds_the_domain_metrics()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Contains("Healthy", await http.GetStringAsync("/health/ready"));

        // The image's HEALTHCHECK: the silo binary asks its own readiness endpoint (the runtime image has no curl).
        var siloDll = Path.Combine(AppContext.BaseDirectory, "Orchestration.Silo.dll");
        Assert.Equal(0, (await CliProcess.RunProgramAsync("dotnet", AppContext.BaseDirectory, [siloDll, "health", silo.Http.ToString()], TimeSpan.FromSeconds(60))).Code);
        Assert.Equal(1, (await CliProcess.RunProgramAsync("dotnet", AppContext.BaseDirectory, [siloDll, "health", "http://127.0.0.1:9/"], TimeSpan.FromSeconds(60))).Code);

        var host = Host.CreateApplicationBuilder();
        host.UseOrleansClient(client => client.UseOrchestrationDevelopment(silo.GatewayPort).AsTestRoot());
        using var app = host.Build();
        await app.StartAsync();
        var studio = new StudioClient(app.Services.GetRequiredService<IClusterClient>(), "metrics-studio");

        // The script: 3 agents, strategy v1 then v2, 2 blockers (one critical), a risk, a stakeholder request,
        // a handoff accepted and one rejected.
        await studio.RegisterExternalAgentAsync("a1", AgentKinds.ExperimentTracker, "A1", 2);
        await studio.RegisterExternalAgentAsync("a2", AgentKinds.ProjectShipper, "A2", 2);
        await studio.RegisterExternalAgentAsync("a3", AgentKinds.ProjectShipper, "A3", 2);
        await studio.PublishStrategyAsync(new StrategyChange("m1", 1, ["growth"], [], "start", "ceo"));
        await studio.PublishStrategyAsync(new StrategyChange("m2", 2, ["customer-commitments"], [], "customers first", "ceo"));
        await studio.ReportBlockerAsync(Samples.Blocker("a1", "b1"));
        await studio.ReportBlockerAsync(Samples.Blocker("a2", "b2") with { Severity = Severity.Critical });
        await studio.ReportBlockerAsync(Samples.Blocker("a2", "b2") with { Severity = Severity.Critical }); // a retry: counted once
        await studio.ReportRiskAsync(Samples.Risk("a3", "r1"));
        await studio.Portfolio.DeclareProject(new(Ids.New("p"), "P", ["a1"], []));
        await studio.Escalations.RaiseStakeholderRequest(new StakeholderRequest("q1", "cfo", "numbers"));
        foreach (var (id, accept) in new[] { ("h1", true), ("h2", false) })
        {
            await studio.Producer.OfferHandoff(new HandoffOffer(id, HandoffKind.WinningExperiment, "a1", "a2", $"exp-{id}", "p", "spec", new Dictionary<string, string> { ["winner"] = "b" }, 2));
            await studio.Producer.RespondToHandoff(new HandoffResponse(id, "a2", accept, accept ? "fits" : "full"));
        }

        var expected = new Dictionary<string, double>
        {
            ["orchestration_reports_total{kind=\"Blocker\",severity=\"High\"}"] = 1,
            ["orchestration_reports_total{kind=\"Blocker\",severity=\"Critical\"}"] = 1,
            ["orchestration_reports_total{kind=\"Risk\",severity=\"Medium\"}"] = 1,
            ["orchestration_escalations_total{class=\"AgentBlocker\"}"] = 1,
            ["orchestration_escalations_total{class=\"CriticalIncident\"}"] = 1,
            ["orchestration_escalations_total{class=\"StakeholderRequest\"}"] = 1,
            ["orchestration_handoffs_total{outcome=\"Accepted\"}"] = 1,
            ["orchestration_handoffs_total{outcome=\"Rejected\"}"] = 1,
            ["orchestration_strategy_version{}"] = 2,
            ["orchestration_agents_active{}"] = 3,
            ["orchestration_projects_active{}"] = 1,
        };

        // The exporter caches a scrape briefly: read until the values arrive, or fail with what was there.
        var scraped = await Eventually.Until(async () => Parse(await http.GetStringAsync("/metrics")),
            metrics => expected.All(e => metrics.TryGetValue(e.Key, out var v) && v == e.Value), "the domain metrics on /metrics");
        Assert.All(expected, e => Assert.Equal(e.Value, scraped[e.Key]));
        Assert.Contains(scraped.Keys, k => k.StartsWith("orleans_", StringComparison.Ordinal));       // Orleans' own meters

        // The shipped Grafana dashboard asks only for series the silo exports: the exporter's names for every instrument
        // of the Orchestration meter, checked against this scrape for each instrument the script made report.
        var exported = ExportedSeries();
        foreach (var series in scraped.Keys.Select(k => k[..k.IndexOf('{', StringComparison.Ordinal)]).Where(n => n.StartsWith("orchestration_", StringComparison.Ordinal)))
            Assert.Contains(series, exported);
        using var dashboard = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Repository.File("deploy", "grafana", "orchestration-dashboard.json")));
        var asked = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!)
            .SelectMany(e => System.Text.RegularExpressions.Regex.Matches(e, "orchestration_[a-z0-9_]+").Select(m => m.Value)).Distinct().ToList();
        Assert.True(asked.Count >= 8, string.Join(", ", asked));
        Assert.All(asked, series => Assert.Contains(series, exported));
        Assert.Contains(scraped.Keys, k => k.StartsWith("process_runtime_dotnet", StringComparison.Ordinal) || k.StartsWith("dotnet_", StringComparison.Ordinal)); // runtime
        await app.StopAsync();
    }

    /// <summary>The Prometheus series names the exporter gives each instrument of the Orchestration meter: dots to
    /// underscores, seconds as a unit suffix, counters with _total, histograms as _bucket, _sum and _count.</summary>
    private static HashSet<string> ExportedSeries()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        // The notifications' instruments are created with their first use; create them so they are listed too.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Orchestration.Notifications.NotificationsTelemetry).TypeHandle);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name != Orchestration.Grains.Telemetry.OrchestrationTelemetry.Name) return;
            var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "");
            var kind = instrument.GetType().Name;
            if (kind.StartsWith("Counter", StringComparison.Ordinal)) names.Add(name + "_total");
            else if (kind.StartsWith("Histogram", StringComparison.Ordinal)) names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
            else names.Add(name);
        };
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Orchestration.Grains.Telemetry.OrchestrationTelemetry).TypeHandle);
        listener.Start();
        Assert.True(names.Count >= 8, string.Join(", ", names));
        return names;
    }

    /// <summary>Prometheus text for the studio "metrics-studio": series name plus its labels other than studio and scope, to value.</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match line in Series().Matches(text))
        {
            var labels = line.Groups["labels"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => !l.StartsWith("otel_scope", StringComparison.Ordinal) && !l.StartsWith("studio=", StringComparison.Ordinal)).ToList();
            if (line.Groups["labels"].Value.Contains("studio=", StringComparison.Ordinal) && !line.Groups["labels"].Value.Contains("studio=\"metrics-studio\"", StringComparison.Ordinal))
                continue;
            metrics[$"{line.Groups["name"].Value}{{{string.Join(",", labels)}}}"] = double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return metrics;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eEInfNa]+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}
