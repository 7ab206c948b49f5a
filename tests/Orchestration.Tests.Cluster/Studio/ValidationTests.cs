using Orchestration.Client;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>
/// Bad input, sent through the Orleans client like any agent service would: each is refused with an
/// <see cref="InvalidRequestException"/> that crossed the wire with its field and reason, and the studio reads
/// exactly as before.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ValidationTests(ClusterFixture fixture)
{
    private sealed record Setup(StudioClient Studio, string AgentId, string ReportId, string StrategyMessageId);

    private static readonly Dictionary<string, (string Field, string Reason, Func<Setup, Task> Send)> Cases = new()
    {
        ["empty agent id"] = ("registration.agentId", "is required",
            s => s.Studio.RegisterExternalAgentAsync("", AgentKinds.ProjectShipper, "Bot", 1)),
        ["malformed agent id"] = ("registration.agentId", "is not a valid id",
            s => s.Studio.RegisterExternalAgentAsync("bot #1", AgentKinds.ProjectShipper, "Bot", 1)),
        ["unknown agent kind"] = ("registration.kind", "'astrologer' is not a known agent kind",
            s => s.Studio.RegisterExternalAgentAsync("bot-2", "astrologer", "Bot", 1)),
        ["hosted agent of an external-only kind"] = ("registration.hosting", "has no grain in this silo",
            s => s.Studio.Producer.RegisterAgent(new AgentRegistration("bot-3", ClusterFixture.ExternalOnlyKind, "Writer", 1, AgentHosting.Hosted))),
        ["zero capacity"] = ("registration.capacity", "must be between 1 and 1000",
            s => s.Studio.RegisterExternalAgentAsync("bot-4", AgentKinds.ProjectShipper, "Bot", 0)),
        ["agent changing kind"] = ("registration.kind", "is already registered as 'experiment-tracker'",
            s => s.Studio.RegisterExternalAgentAsync(s.AgentId, AgentKinds.ProjectShipper, "Bot", 1)),
        ["report from an unregistered agent"] = ("report.agentId", "is not registered with studio",
            s => s.Studio.ReportBlockerAsync(Samples.Blocker("stranger"))),
        ["report without what it blocks"] = ("report.blocks", "is required",
            s => s.Studio.ReportBlockerAsync(Samples.Blocker(s.AgentId) with { Blocks = "" })),
        ["report without an owner"] = ("report.owner", "is required",
            s => s.Studio.ReportBlockerAsync(Samples.Blocker(s.AgentId) with { Owner = null! })),
        ["missing report"] = ("report", "is required",
            s => s.Studio.ReportBlockerAsync(null!)),
        ["summary over 4 KB"] = ("report.summary", "4097 bytes; at most 4096",
            s => s.Studio.ReportBlockerAsync(Samples.Blocker(s.AgentId) with { Summary = new string('x', 4097) })),
        ["undefined severity"] = ("report.severity", "is not one of",
            s => s.Studio.ReportRiskAsync(Samples.Risk(s.AgentId) with { Severity = (Severity)9 })),
        ["likelihood above one"] = ("report.likelihood", "must be between 0 and 1",
            s => s.Studio.ReportRiskAsync(Samples.Risk(s.AgentId) with { Likelihood = 1.5 })),
        ["report id reused for another report"] = ("report.reportId", "already used for a different report",
            s => s.Studio.ReportBlockerAsync(Samples.Blocker(s.AgentId, s.ReportId) with { Summary = "Something else" })),
        ["resolving an unknown report"] = ("request.reportId", "no report 'nope'",
            s => s.Studio.ResolveReportAsync("nope", "producer", "done")),
        ["resolving without a resolution"] = ("request.resolution", "is required",
            s => s.Studio.ResolveReportAsync(s.ReportId, "producer", " ")),
        ["strategy version going backwards"] = ("change.version", "is 1; the current version is 2, so the next one must be 3",
            s => s.Studio.PublishStrategyAsync(Samples.Strategy(1, "growth"))),
        ["a strategy message id reused for another change"] = ("change.messageId", "was already used for strategy v2, which says something else",
            s => s.Studio.PublishStrategyAsync(Samples.Strategy(2, "growth") with { MessageId = s.StrategyMessageId })),
        ["an ANSI escape sequence in a summary"] = ("report.summary", "control character U+001B",
            s => s.Studio.ReportBlockerAsync(Samples.Blocker(s.AgentId) with { Summary = "\u001b[31mall fine\u001b[0m" })),
        ["a direction override in a display name"] = ("registration.displayName", "direction control U+202E",
            s => s.Studio.RegisterExternalAgentAsync("bot-9", AgentKinds.ProjectShipper, "Bot \u202Eexe.", 1)),
        ["strategy version skipping ahead to the end"] = ("change.version", $"is {int.MaxValue}; the current version is 2, so the next one must be 3",
            s => s.Studio.PublishStrategyAsync(Samples.Strategy(int.MaxValue, "growth"))),
        ["strategy version repeated by a new message"] = ("change.version", "current version is 2",
            s => s.Studio.PublishStrategyAsync(Samples.Strategy(2, "growth"))),
        ["strategy without priorities"] = ("change.priorities", "must name at least one priority",
            s => s.Studio.PublishStrategyAsync(Samples.Strategy(3))),
        ["strategy with a blank constraint"] = ("change.constraints[0]", "is required",
            s => s.Studio.PublishStrategyAsync(Samples.Strategy(3, "growth") with { Constraints = [""] })),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_by_field_and_reason_and_changes_nothing(string name)
    {
        var (field, reason, send) = Cases[name];
        var setup = await Populated();
        var before = await Samples.View(setup.Studio);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => send(setup));

        Assert.Equal(field, refused.Field);
        Assert.Contains(reason, refused.Reason);
        Assert.Equivalent(before, await Samples.View(setup.Studio), strict: true);
    }

    [Fact]
    public async Task A_hosted_agent_refuses_an_experiment_whose_dates_are_in_the_wrong_order()
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 2);
        var tracker = studio.HostedAgent<IExperimentTrackerGrain>(trackerId);
        var day = new DateOnly(2026, 12, 1);
        await tracker.PlanExperiment(new ExperimentPlan("exp-1", "checkout", "CTA", day, day.AddDays(14), []));

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            tracker.PlanExperiment(new ExperimentPlan("exp-1", "checkout", "CTA", day, day.AddDays(-1), [])));

        Assert.Equal("plan.plannedEnd", refused.Field);
        Assert.Equal(day.AddDays(14), Assert.Single(await tracker.GetExperimentQueue()).PlannedEnd);
    }

    [Fact]
    public async Task A_hosted_agent_of_an_unknown_studio_id_form_is_refused_before_it_joins()
    {
        var agentId = Ids.New("shipper");
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            new StudioClient(fixture.Client, "no spaces allowed").StartHostedAgentAsync(AgentKinds.ProjectShipper, agentId, "Shipper", 1));

        Assert.Equal("request.studioId", refused.Field);
        Assert.Null((await new StudioClient(fixture.Client, "x").HostedAgent(AgentKinds.ProjectShipper, agentId).GetSnapshot()).StudioId);
    }

    [Fact]
    public async Task An_agent_belongs_to_one_studio_and_cannot_join_a_second()
    {
        var (first, second) = (fixture.NewStudio(), fixture.NewStudio());
        var agentId = Ids.New("llm");
        await first.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => second.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 2));

        Assert.Equal("registration.agentId", refused.Field);
        Assert.Contains($"belongs to studio '{first.StudioId}'", refused.Reason);
        Assert.Empty(await second.GetAgentsAsync());
        Assert.True((await first.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM", 3)).Agent.Capacity == 3); // its own studio: an update
    }

    [Fact]
    public async Task A_refusal_carries_its_field_and_reason_but_nothing_of_the_silos_code()
    {
        var studio = fixture.NewStudio();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => studio.ReportBlockerAsync(Samples.Blocker("stranger")));

        Assert.Equal("report.agentId", refused.Field);
        Assert.DoesNotContain("Orchestration.Grains", refused.StackTrace ?? "", StringComparison.Ordinal); // no frame of the grains
        Assert.DoesNotContain("ProducerGrain", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A studio with an agent, an open blocker, and strategy v2: something for a refusal to leave untouched.</summary>
    private async Task<Setup> Populated()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM tracker", 2);
        var report = Samples.Blocker(agentId);
        await studio.ReportBlockerAsync(report);
        await studio.PublishStrategyAsync(Samples.Strategy(1, "growth"));
        var v2 = Samples.Strategy(2, "checkout");
        await studio.PublishStrategyAsync(v2);
        return new Setup(studio, agentId, report.ReportId, v2.MessageId);
    }
}
