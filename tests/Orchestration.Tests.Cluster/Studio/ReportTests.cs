using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

[Collection(ClusterCollection.Name)]
public class ReportTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_blocker_is_recorded_acknowledged_on_the_inbox_listed_and_resolved()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await using var session = await studio.ConnectAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM tracker", 2);
        var report = Samples.Blocker(agentId);

        var receipt = await studio.ReportBlockerAsync(report);

        Assert.Equal((report.ReportId, ReportKind.Blocker, false), (receipt.ReportId, receipt.Kind, receipt.WasDuplicate));
        var open = Assert.Single(await studio.GetOpenReportsAsync());
        Assert.Equal(
            (report.ReportId, ReportKind.Blocker, agentId, "checkout", report.Summary, report.Blocks, report.Impact, Severity.High, "studio-producer", receipt.AcknowledgedAt),
            (open.ReportId, open.Kind, open.AgentId, open.ProjectId, open.Summary, open.Blocks, open.Impact, open.Severity, open.Owner, open.ReportedAt));
        var ack = Assert.IsType<ReportAcknowledged>(await Eventually.Next(session.Inbox, "the acknowledgement"));
        Assert.Equal((report.ReportId, agentId, studio.StudioId), (ack.ReportId, ack.AgentId, ack.StudioId));

        var resolved = await studio.ResolveReportAsync(report.ReportId, "studio-producer", "Ship on date, experiment after launch");

        Assert.Empty(await studio.GetOpenReportsAsync());
        Assert.Equal(("studio-producer", "Ship on date, experiment after launch"), (resolved.Resolution!.ResolvedBy, resolved.Resolution.Resolution));
        Assert.Equal(resolved, await studio.Producer.GetReport(report.ReportId));
        var closed = Assert.IsType<ReportClosed>(await Eventually.Next(session.Inbox, "the closure"));
        Assert.Equal(resolved.Resolution, closed.Resolution);
        Assert.Equal((0, 0), ((await studio.GetOverviewAsync()).OpenBlockers, (await studio.GetOverviewAsync()).OpenRisks));
    }

    [Fact]
    public async Task A_risk_keeps_its_likelihood_and_mitigation_and_counts_as_a_risk()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Release bot", 1);

        await studio.ReportRiskAsync(Samples.Risk(agentId, "risk-1"));
        await studio.ReportBlockerAsync(Samples.Blocker(agentId, "blk-1"));

        var risk = (await studio.GetOpenReportsAsync()).Single(r => r.Kind == ReportKind.Risk);
        Assert.Equal(("risk-1", 0.3, "Keep the current provider as fallback"), (risk.ReportId, risk.Likelihood!.Value, risk.Mitigation));
        var overview = await studio.GetOverviewAsync();
        Assert.Equal((1, 1), (overview.OpenBlockers, overview.OpenRisks));
        Assert.Equal(["blk-1", "risk-1"], (await studio.GetOpenReportsAsync()).Select(r => r.ReportId)); // most severe first
    }

    [Fact]
    public async Task The_same_report_id_sent_twice_is_recorded_once_and_acknowledged_once()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await using var session = await studio.ConnectAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM tracker", 2);
        var report = Samples.Blocker(agentId);
        var first = await studio.ReportBlockerAsync(report);
        var before = await Samples.View(studio);

        var retry = await studio.ReportBlockerAsync(report);

        Assert.True(retry.WasDuplicate);
        Assert.Equal(first.AcknowledgedAt, retry.AcknowledgedAt);
        Assert.Equivalent(before, await Samples.View(studio), strict: true);

        // The retry re-sends the acknowledgement (it may have been lost); the receiver applies its id once, so the
        // next thing it sees is the closure, not a second acknowledgement.
        Assert.IsType<ReportAcknowledged>(await Eventually.Next(session.Inbox, "the acknowledgement"));
        await studio.ResolveReportAsync(report.ReportId, "producer", "done");
        Assert.IsType<ReportClosed>(await Eventually.Next(session.Inbox, "the closure"));
    }

    [Fact]
    public async Task Resolving_twice_returns_the_first_resolution_unchanged()
    {
        var studio = fixture.NewStudio();
        var agentId = Ids.New("llm");
        await studio.RegisterExternalAgentAsync(agentId, AgentKinds.ProjectShipper, "Release bot", 1);
        var report = Samples.Risk(agentId);
        await studio.ReportRiskAsync(report);
        var first = await studio.ResolveReportAsync(report.ReportId, "producer", "Mitigated");
        var before = await Samples.View(studio);

        var second = await studio.ResolveReportAsync(report.ReportId, "someone else", "Different words");

        Assert.Equal(first, second);
        Assert.Equivalent(before, await Samples.View(studio), strict: true);
    }

    [Fact]
    public async Task A_hosted_agent_receives_its_acknowledgement_once_on_its_inbox()
    {
        var studio = fixture.NewStudio();
        var trackerId = Ids.New("tracker");
        var tracker = studio.HostedAgent(AgentKinds.ExperimentTracker, trackerId);
        await studio.StartHostedAgentAsync(AgentKinds.ExperimentTracker, trackerId, "Tracker", 2);
        var report = Samples.Blocker(trackerId);

        await studio.ReportBlockerAsync(report);
        await studio.ReportBlockerAsync(report); // a retry re-sends the acknowledgement
        await studio.ResolveReportAsync(report.ReportId, "producer", "done");

        var snapshot = await Eventually.Until(tracker.GetSnapshot, s => s.Inbox.Any(m => m.Type == nameof(ReportClosed)), "the closure on the tracker's inbox");
        Assert.Equal(
            [ReportAcknowledged.MessageIdFor(report.ReportId), ReportClosed.MessageIdFor(report.ReportId)],
            snapshot.Inbox.Select(m => m.MessageId));
    }
}
