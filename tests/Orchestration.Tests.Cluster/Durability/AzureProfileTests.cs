using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.AzureStorage;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Agents.ProjectShipper;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Durability;

/// <summary>The Azure profile for real: a silo process on Azure Storage (Azurite), stopped and started again.</summary>
public class AzureProfileTests
{
    private sealed record View(
        IReadOnlyList<AgentProfile> Agents, IReadOnlyList<ReportRecord> Reports, StudioStrategy? Strategy, IReadOnlyList<Conflict> Conflicts,
        IReadOnlyList<Escalation> Escalations, IReadOnlyList<WorkItem> Work, IReadOnlyList<ExperimentPlan> Experiments, IReadOnlyList<ReleasePlan> Releases);

    [Fact]
    public async Task State_written_through_the_grains_survives_a_full_restart_of_the_silo()
    {
        await Azurite.EnsureRunningAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (clusterId, serviceId) = ($"restart-{run}", $"svc-{run}");
        string[] settings = ["--Orchestration:Profile=Azure", $"--Orchestration:AzureStorage={Azurite.ConnectionString}",
            $"--Orchestration:ClusterId={clusterId}", $"--Orchestration:ServiceId={serviceId}"];
        var today = new DateOnly(2026, 11, 26);
        View before;

        await using (var silo = await SiloProcess.StartAsync(settings))
        await using (var client = await Connect(clusterId, serviceId))
        {
            var studio = client.Studio;
            await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, "tracker", "Tracker", 4);
            await studio.StartHostedAgentAsync(AgentKinds.ProjectShipper, "shipper", "Shipper", 4);
            await studio.RegisterExternalAgentAsync("llm", AgentKinds.ExperimentTracker, "LLM", 1);
            await studio.PublishStrategyAsync(new StrategyChange("m1", 1, ["customer-commitments"], ["human-approval"], "a human decides", "ceo"));
            await studio.HostedAgent<IExperimentTrackerGrain>("tracker").PlanExperiment(
                new ExperimentPlan("exp", "checkout", "CTA", today, today.AddDays(21), [], SampleSizeNeeded: 10_000, RevenueAtStake: 200_000m));
            await studio.HostedAgent<IProjectShipperGrain>("shipper").PlanRelease(
                new ReleasePlan("rel", "checkout", "Checkout", today.AddDays(30), [], today, [new CustomerCommitment("Acme", 40, true)], [new Dependency("exp", 2)]));
            await studio.HostedAgent<IExperimentTrackerGrain>("tracker").ExtendExperiment("exp", 21, "slow traffic");
            await studio.ReportBlockerAsync(Samples.Blocker("llm", "blk-1"));
            before = await Read(studio);
            Assert.Equal(ConflictStatus.PendingDecision, Assert.Single(before.Conflicts).Status);
            Assert.Equal(2, before.Escalations.Count);
            await silo.StopAsync();
        }

        await using (await SiloProcess.StartAsync(settings))
        await using (var client = await Connect(clusterId, serviceId))
        {
            var studio = client.Studio;
            Assert.Equivalent(before, await Read(studio), strict: true);

            // And it carries on: a decision taken after the restart reaches the agents on their resumed subscriptions.
            var conflictId = before.Conflicts.Single().ConflictId;
            await studio.WorkGraph.ApproveDecision(new ApproveDecision(conflictId, "delay-dependent", "cto", "Acme agreed"));
            await Eventually.Until(async () => (await studio.WorkGraph.GetConflict(conflictId))!, c => c.Status == ConflictStatus.Resolved, "the decision to be applied after the restart");
            Assert.Equal(today.AddDays(44), (await studio.HostedAgent<IProjectShipperGrain>("shipper").GetReleaseQueue()).Single().CommittedDate);
        }
    }

    private static async Task<View> Read(StudioClient studio) => new(
        await studio.GetAgentsAsync(), await studio.GetOpenReportsAsync(), await studio.GetStrategyAsync(), await studio.WorkGraph.GetConflicts(),
        await studio.Escalations.GetEscalations(), await studio.WorkGraph.GetWorkItems(),
        await studio.HostedAgent<IExperimentTrackerGrain>("tracker").GetExperimentQueue(), await studio.HostedAgent<IProjectShipperGrain>("shipper").GetReleaseQueue());

    private static async Task<ConnectedClient> Connect(string clusterId, string serviceId)
    {
        var host = Host.CreateApplicationBuilder();
        host.UseOrleansClient(client => client.UseOrchestrationAzure(Azurite.ConnectionString, clusterId, TestCertificates.Cluster.ClientTls, serviceId).AsTestRoot());
        var app = host.Build();
        await app.StartAsync();
        return new ConnectedClient(app, new StudioClient(app.Services.GetRequiredService<IClusterClient>(), "studio"));
    }

    private sealed record ConnectedClient(IHost Host, StudioClient Studio) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            Host.Dispose();
        }
    }
}
