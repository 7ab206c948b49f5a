using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Simulation.Library;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Common;
using Orchestration.Grains.Producer;
using Orchestration.Functions;
using Orchestration.LlmAgents;
using Orchestration.Silo.Hosting;
using Orchestration.Tests.Cluster.TestAgents;
using Orleans.TestingHost;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// One real two-silo Orleans cluster for the whole collection, wired with the Development profile's providers and
/// grains, plus an agent kind that exists only here. Tests reach it through the Orleans client and use a fresh studio
/// and fresh agent ids, so they never see each other's state.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture()
        : this(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero))
    {
    }

    protected ClusterFixture(DateTimeOffset start) => StudioTime = new FakeTimeProvider(start);

    public const string ExternalOnlyKind = "llm-writer";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public CallGraph Calls { get; } = new();

    /// <summary>The studio's clock (SLAs, due dates, decision velocity). Tests in the collection run one at a time and
    /// only move it forward; Orleans itself stays on the system clock.</summary>
    public FakeTimeProvider StudioTime { get; }

    public DateOnly Today => DateOnly.FromDateTime(StudioTime.GetUtcNow().UtcDateTime);

    public IClusterClient Client => Cluster.Client;

    /// <summary>The model of the LLM agents hosted here: a script per agent.</summary>
    public static ScriptedChatClient Model { get; } = new();

    public static readonly TimeSpan FollowUpPeriod = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan ConflictSla = TimeSpan.FromHours(36);

    public const int MaxAgents = 40;

    public virtual async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStudioProviders();
            silo.Services.AddOrchestrationGrains(StudioTime);
            silo.Services.AddAgentKind<QaReviewerGrain>();
            silo.Services.AddExternalAgentKind(ExternalOnlyKind);
            silo.Services.AddLlmAgentKind(_ => Model, o =>
            {
                // Every function but report_risk, so a test can see a forbidden call refused; short limits a test reaches.
                o.Functions = [.. AgentFunctions.Names.Where(f => f != "report_risk")];
                (o.MaxCallsPerMessage, o.MaxAttempts, o.Timeout) = (6, 3, TimeSpan.FromSeconds(2));
                (o.FirstRetryAfter, o.LongestRetryWait) = (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)); // on the studio clock
            });
            silo.AddIncomingGrainCallFilter(Calls);
            silo.AddIncomingGrainCallFilter<StudioFaults>();
            silo.AddActivityPropagation();
            silo.WithTestRoot();

            // Follow-up reminders tick every 2 s (production: hourly, and Orleans' one-minute floor), so tests see them fire.
            silo.Services.Configure<ProducerOptions>(o => o.FollowUpPeriod = FollowUpPeriod);
            // Strategic conflicts are configured to be decided within 36 h (the seed's 48 h is the default), which both a
            // conflict's "decide by" and its escalation follow.
            silo.Services.Configure<Orchestration.Grains.Portfolio.PortfolioOptions>(o =>
                o.Sla[Orchestration.Grains.Interfaces.Escalations.EscalationClass.StrategicConflict] = ConflictSla);
            // Limits small enough for a test to reach (production: 10,000 agents).
            silo.Services.Configure<StudioLimits>(o => o.MaxAgents = MaxAgents);
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            ConfigureSilo(silo);
        });
        builder.ConfigureClient(client => client.AddOrchestrationStreams().AddActivityPropagation().AsTestRoot());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>What a derived fixture adds to every silo.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A studio no other test uses.</summary>
    public StudioClient NewStudio() => new(Client, Ids.New("studio"));
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>A cluster of its own whose studio clock starts on the first Monday of 2026-Q4, for the scripted quarter.</summary>
public sealed class QuarterClusterFixture() : ClusterFixture(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero));

[CollectionDefinition(Name)]
public sealed class QuarterClusterCollection : ICollectionFixture<QuarterClusterFixture>
{
    public const string Name = "quarter-cluster";
}
