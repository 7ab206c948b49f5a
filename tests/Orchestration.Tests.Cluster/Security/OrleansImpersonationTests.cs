using System.Diagnostics;
using Orchestration.Client;
using Orchestration.Client.Identity;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.ExperimentTracker;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Conflicts;
using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Security;

/// <summary>
/// The Orleans client path, tried as an agent service in another process would: every call carries a studio
/// credential, and with one a caller does what its role allows, as itself, in its own studio — nothing else. Each
/// probe is something a process that reached the gateway port did on the release before identity (15 of 15); each is
/// now refused with <see cref="NotPermittedException"/> naming the field, and the studio is unchanged after it.
/// </summary>
[Collection(ClusterCollection.Name)]
public class OrleansImpersonationTests(ClusterFixture fixture)
{
    private sealed record Cast(
        StudioClient Root, string TrackerId, string ShipperId, string OutsiderId,
        StudioClient Tracker, StudioClient Shipper, StudioClient Outsider,
        StudioClient Operator, StudioClient Approver, StudioClient Stakeholder,
        Credential ShipperCredential);

    private async Task<(StudioClient Client, Credential Credential)> Issue(StudioClient root, string subject, CredentialRole role, IReadOnlyList<string>? agents = null)
    {
        var issued = await root.Credentials.Issue(new CredentialRequest(subject, role, Agents: agents));
        return (root.As(issued.Token), issued.Credential);
    }

    /// <summary>A studio whose three agents registered themselves, with an operator, an approver and a stakeholder.</summary>
    private async Task<Cast> NewStudio()
    {
        var root = fixture.NewStudio();
        var (trackerId, shipperId, outsiderId) = (Ids.New("tracker"), Ids.New("shipper"), Ids.New("tracker"));
        var tracker = await Issue(root, trackerId, CredentialRole.Agent);
        var shipper = await Issue(root, shipperId, CredentialRole.Agent);
        var outsider = await Issue(root, outsiderId, CredentialRole.Agent);
        await tracker.Client.Producer.RegisterAgent(new AgentRegistration(trackerId, AgentKinds.ExperimentTracker, "Tracker", 4, AgentHosting.External));
        await shipper.Client.Producer.RegisterAgent(new AgentRegistration("", AgentKinds.ProjectShipper, "Shipper", 4, AgentHosting.External)); // an empty id is the caller
        await outsider.Client.Producer.RegisterAgent(new AgentRegistration(outsiderId, AgentKinds.ExperimentTracker, "Outsider", 4, AgentHosting.External));
        return new Cast(root, trackerId, shipperId, outsiderId, tracker.Client, shipper.Client, outsider.Client,
            (await Issue(root, "olivia", CredentialRole.Operator)).Client,
            (await Issue(root, "alice", CredentialRole.Approver)).Client,
            (await Issue(root, "sam", CredentialRole.Stakeholder)).Client,
            shipper.Credential);
    }

    /// <summary>Everything a probe could have changed: the studio's view, its work graph, its credentials and its journal's length.</summary>
    private static async Task<string> Snapshot(StudioClient root)
    {
        var journal = await root.Journal.Read(new JournalQuery(0, JournalQuery.MaxLimit));
        return string.Join("\n",
            await Samples.View(root), string.Join(";", await root.WorkGraph.GetConflicts()), string.Join(";", await root.WorkGraph.GetWorkItems()),
            string.Join(";", await root.Producer.GetHandoffs()), string.Join(";", await root.Credentials.List()), string.Join(";", await root.Escalations.GetEscalations()),
            journal.Next);
    }

    private static async Task Refused(string field, Func<Task> probe)
    {
        var refused = await Assert.ThrowsAsync<NotPermittedException>(probe);
        Assert.Equal(field, refused.Field);
    }

    private static async Task<bool> Refuses(string field, Func<Task> probe)
    {
        try
        {
            await probe();
            return false;
        }
        catch (NotPermittedException refused) when (refused.Field == field)
        {
            return true;
        }
    }

    private WorkItem Experiment(Cast s, int days) =>
        new("exp-1", WorkItemKind.Experiment, s.TrackerId, "checkout", "Green CTA", fixture.Today, fixture.Today.AddDays(days), [], 100_000m, 5_000);

    [Fact]
    public async Task An_agent_reports_resolves_declares_completes_and_answers_only_as_itself()
    {
        var s = await NewStudio();
        var blocker = await s.Tracker.Producer.ReportBlocker(Samples.Blocker(""));
        await s.Tracker.WorkGraph.DeclareWorkItem(Experiment(s, 21), "planned");
        var handoff = await s.Shipper.Producer.OfferHandoff(new HandoffOffer(Ids.New("h"), HandoffKind.PostLaunch, s.ShipperId, s.TrackerId, "rel-1", "checkout", "metrics", new Dictionary<string, string> { ["nps"] = "52" }, 1));
        var before = await Snapshot(s.Root);

        await Refused("request.reportId", () => s.Outsider.Producer.ResolveReport(new ResolveReport(blocker.ReportId, "", "cleared")));
        await Refused("request.resolvedBy", () => s.Tracker.Producer.ResolveReport(new ResolveReport(blocker.ReportId, s.ShipperId, "cleared")));
        await Refused("report.agentId", () => s.Outsider.Producer.ReportBlocker(Samples.Blocker(s.TrackerId)));
        await Refused("registration.agentId", () => s.Outsider.Producer.RegisterAgent(new AgentRegistration(s.TrackerId, AgentKinds.ExperimentTracker, "Me", 9, AgentHosting.External)));
        await Refused("item.ownerAgentId", () => s.Shipper.WorkGraph.DeclareWorkItem(Experiment(s, 60), "moved by someone else"));
        await Refused("completion.agentId", () => s.Shipper.WorkGraph.CompleteWorkItem(new WorkItemCompletion("exp-1", s.TrackerId)));
        await Refused("completion.agentId", () => s.Shipper.WorkGraph.CompleteWorkItem(new WorkItemCompletion("exp-1", "")));
        await Refused("response.agentId", () => s.Outsider.Producer.RespondToHandoff(new HandoffResponse(handoff.Offer.HandoffId, s.TrackerId, true, "as the tracker")));
        await Refused("response.agentId", () => s.Outsider.Producer.RespondToHandoff(new HandoffResponse(handoff.Offer.HandoffId, "", true, "as myself")));
        await Refused("offer.fromAgentId", () => s.Outsider.Producer.OfferHandoff(new HandoffOffer(Ids.New("h"), HandoffKind.PostLaunch, s.ShipperId, s.TrackerId, "rel-1", "checkout", "forged", new Dictionary<string, string> { ["nps"] = "99" }, 1)));
        Assert.Equal(before, await Snapshot(s.Root));

        // Each as itself: recorded under its credential.
        Assert.Equal(s.TrackerId, (await s.Tracker.Producer.ResolveReport(new ResolveReport(blocker.ReportId, "", "cleared"))).Resolution!.ResolvedBy);
        Assert.True((await s.Tracker.Producer.RespondToHandoff(new HandoffResponse(handoff.Offer.HandoffId, "", true, "on it"))).Status == HandoffStatus.Accepted);
    }

    [Fact]
    public async Task Only_an_approver_decides_only_an_operator_sets_strategy_and_each_under_their_own_name()
    {
        var s = await NewStudio();
        await s.Operator.Producer.PublishStrategy(new StrategyChange(Ids.New("m"), 1, ["customer-commitments"], ["human-approval"], "Customers first", ""));
        await s.Tracker.WorkGraph.DeclareWorkItem(Experiment(s, 21), "planned");
        await s.Shipper.WorkGraph.DeclareWorkItem(new WorkItem("rel-1", WorkItemKind.Release, s.ShipperId, "checkout", "Checkout", fixture.Today, fixture.Today.AddDays(30),
            [new Dependency("exp-1", 2)], Commitments: [new CustomerCommitment("Acme", 40, Contractual: true)]), "planned");
        var conflictId = (await s.Tracker.WorkGraph.DeclareWorkItem(Experiment(s, 42), "three more weeks")).ConflictsRaised.Single();
        var option = (await s.Root.WorkGraph.GetConflict(conflictId))!.RecommendedOptionId!;
        var before = await Snapshot(s.Root);

        await Refused("request.by", () => s.Approver.WorkGraph.ApproveDecision(new ApproveDecision(conflictId, option, "ceo", "as the CEO")));
        await Refused("request.by", () => s.Approver.WorkGraph.OverrideDecision(new OverrideDecision(conflictId, option, "ceo", "as the CEO")));
        await Refused("role", () => s.Tracker.WorkGraph.ApproveDecision(new ApproveDecision(conflictId, option, "", "mine")));
        await Refused("role", () => s.Operator.WorkGraph.OverrideDecision(new OverrideDecision(conflictId, option, "", "ops")));
        await Refused("change.issuedBy", () => s.Operator.Producer.PublishStrategy(new StrategyChange(Ids.New("m"), 2, ["speed"], [], "by the producer", "studio-producer")));
        await Refused("role", () => s.Tracker.Producer.PublishStrategy(new StrategyChange(Ids.New("m"), 2, ["speed"], [], "mine", "")));
        await Refused("request.stakeholder", () => s.Stakeholder.Escalations.RaiseStakeholderRequest(new StakeholderRequest(Ids.New("req"), "the-board", "Ship it")));
        await Refused("role", () => s.Stakeholder.Escalations.CheckEscalationSlas());
        Assert.Equal(before, await Snapshot(s.Root));

        var decided = await s.Approver.WorkGraph.ApproveDecision(new ApproveDecision(conflictId, option, "", "as recommended"));
        Assert.Equal("alice", decided.Decision!.DecidedBy);
        var decision = decided.Decision.DecisionId;
        var afterDecision = await Snapshot(s.Root);

        await Refused("acknowledgement.agentId", () => s.Shipper.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decision, s.TrackerId)));
        await Refused("acknowledgement.agentId", () => s.Outsider.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decision, "")));
        await Refused("role", () => s.Operator.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decision, s.ShipperId)));
        Assert.Equal(afterDecision, await Snapshot(s.Root));

        var acknowledged = await s.Shipper.WorkGraph.AcknowledgeDecision(new DecisionAcknowledgement(conflictId, decision, ""));
        Assert.Equal([s.ShipperId], acknowledged.Acknowledgements!.Keys);
        Assert.Equal("olivia", (await s.Root.Producer.GetStrategy())!.IssuedBy);
    }

    [Fact]
    public async Task A_credential_reaches_nothing_of_another_studio_no_grain_of_the_silos_and_issues_nothing_unless_an_operator()
    {
        var s = await NewStudio();
        var other = await NewStudio();
        var hosted = Ids.New("tracker");
        await other.Root.StartHostedAgentAsync(AgentKinds.ExperimentTracker, hosted, "Hosted", 3);
        var mineHosted = Ids.New("tracker");
        await s.Root.StartHostedAgentAsync(AgentKinds.ExperimentTracker, mineHosted, "Hosted", 3);
        var (before, otherBefore) = (await Snapshot(s.Root), await Snapshot(other.Root));
        var theirs = new StudioClient(fixture.Client, other.Root.StudioId).As(s.Tracker.Credential!);

        await Refused("studio", () => theirs.Producer.GetOverview());
        await Refused("studio", () => theirs.Producer.ReportBlocker(Samples.Blocker(s.TrackerId)));
        await Refused("studio", () => theirs.Journal.Read(new JournalQuery(0, 10)));
        await Refused("studio", () => theirs.HostedAgent<IExperimentTrackerGrain>(hosted).PlanExperiment(Plan()));
        await Refused("agentId", () => s.Outsider.HostedAgent<IExperimentTrackerGrain>(mineHosted).PlanExperiment(Plan()));
        await Refused("agentId", () => Feed(s.Root.StudioId, s.TrackerId, s.Outsider.Credential!).Read(0, 10));
        await Refused("studio", () => Feed(other.Root.StudioId, other.TrackerId, s.Operator.Credential!).Read(0, 10));
        await Refused("role", () => s.Tracker.Credentials.Issue(new CredentialRequest("mallory", CredentialRole.Approver)));
        await Refused("role", () => s.Approver.Credentials.Issue(new CredentialRequest("mallory", CredentialRole.Operator)));
        await Refused("role", () => s.Tracker.Credentials.Revoke(new CredentialRevocation(s.ShipperCredential.CredentialId)));
        await Refused("role", () => s.Tracker.Credentials.List());
        await Refused("credential", () => CallerCredential.Bind(fixture.Client.GetGrain<IAgentDirectoryPageGrain>($"{s.Root.StudioId}/agents:0"), s.Operator.Credential!).Get());
        await Refused("credential", () => CallerCredential.Bind(fixture.Client.GetGrain<IManagementGrain>(0), s.Operator.Credential!).GetHosts());
        Assert.Equal((before, otherBefore), (await Snapshot(s.Root), await Snapshot(other.Root)));

        // The operator issues; what the agent is told it is, is what the studio takes it to be.
        var issued = await s.Operator.Credentials.Issue(new CredentialRequest("bob", CredentialRole.Approver));
        Assert.Equal("olivia", issued.Credential.IssuedBy);
        var bob = await s.Root.As(issued.Token).WhoAmIAsync();
        Assert.Equal(("bob", CredentialRole.Approver, s.Root.StudioId), (bob.Subject, bob.Role, bob.StudioId));

        IFeedGrain<InboxMessage> Feed(string studioId, string agentId, string token) =>
            CallerCredential.Bind(fixture.Client.GetGrain<IFeedGrain<InboxMessage>>(FeedKeys.Inbox(studioId, agentId)), token);
        ExperimentPlan Plan() => new(Ids.New("exp"), "checkout", "Green CTA converts", fixture.Today, fixture.Today.AddDays(14), []);
    }

    [Fact]
    public async Task A_call_with_a_garbage_forged_or_revoked_credential_is_refused_and_changes_nothing()
    {
        var s = await NewStudio();
        var before = await Snapshot(s.Root);
        var token = s.Tracker.Credential!;
        var forgedSecret = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        foreach (var garbage in new[] { "", "not-a-token", "orch.bm9wZQ.c1.secret", forgedSecret, "orch-root.guessed", OrchestrationIdentity.RootPrefix })
            Assert.True(await Refuses("credential", () => s.Root.As(garbage).Producer.ReportBlocker(Samples.Blocker(s.TrackerId))), $"'{garbage}' was taken");

        var shipperCredential = s.ShipperCredential.CredentialId;
        await s.Operator.Credentials.Revoke(new CredentialRevocation(shipperCredential));
        var afterRevocation = await Snapshot(s.Root);
        // At once on the silo that revoked it (the credentials grain's), and on the others within the cache's time.
        await Refused("credential", () => s.Shipper.Credentials.WhoAmI());
        var revoked = Stopwatch.StartNew();
        await Eventually.Until(() => Refuses("credential", () => s.Shipper.Producer.GetOverview()), refused => refused, "every silo to refuse the revoked credential");
        Assert.True(revoked.Elapsed < new IdentityOptions().CredentialCacheFor + TimeSpan.FromSeconds(5), $"took {revoked.Elapsed}");
        await Refused("credential", () => s.Shipper.Producer.ReportBlocker(Samples.Blocker(s.ShipperId)));
        Assert.Equal(afterRevocation, await Snapshot(s.Root));
        Assert.NotEqual(before, afterRevocation); // the revocation itself is recorded
        Assert.Equal("olivia", (await s.Root.Credentials.List()).Single(c => c.CredentialId == shipperCredential).RevokedBy);
    }

    [Fact]
    public async Task A_service_credential_acts_for_the_agents_it_names_and_no_other()
    {
        var s = await NewStudio();
        var (a, b) = (Ids.New("tracker"), Ids.New("tracker"));
        var (service, credential) = await Issue(s.Root, "tracker-service", CredentialRole.Service, [a, b]);
        await service.Producer.RegisterAgent(new AgentRegistration(a, AgentKinds.ExperimentTracker, "A", 2, AgentHosting.External));
        await service.Producer.RegisterAgent(new AgentRegistration(b, AgentKinds.ExperimentTracker, "B", 2, AgentHosting.External));
        var reported = await service.Producer.ReportBlocker(Samples.Blocker(b));
        Assert.Equal(b, (await s.Root.Producer.GetReport(reported.ReportId))!.AgentId);
        var before = await Snapshot(s.Root);

        await Refused("report.agentId", () => service.Producer.ReportBlocker(Samples.Blocker(s.TrackerId)));
        await Refused("report.agentId", () => service.Producer.ReportBlocker(Samples.Blocker(""))); // two agents: it must say which
        await Refused("role", () => service.Producer.PublishStrategy(Samples.Strategy(1, "speed")));
        Assert.Equal(before, await Snapshot(s.Root));

        var who = await service.WhoAmIAsync();
        Assert.Equal(CredentialRole.Service, who.Role);
        Assert.Equal([a, b], who.Agents);
        Assert.Equal([a, b], credential.Agents!);
    }

    [Fact]
    public async Task A_service_credential_must_name_its_agents_and_only_a_service_credential_names_any()
    {
        var s = await NewStudio();
        var before = await Snapshot(s.Root);
        async Task Invalid(string field, CredentialRequest request) =>
            Assert.Equal(field, (await Assert.ThrowsAsync<InvalidRequestException>(() => s.Operator.Credentials.Issue(request))).Field);
        await Invalid("request.agents", new CredentialRequest("svc", CredentialRole.Service));
        await Invalid("request.agents", new CredentialRequest("svc", CredentialRole.Service, Agents: []));
        await Invalid("request.agents[0]", new CredentialRequest("svc", CredentialRole.Service, Agents: ["not an id"]));
        await Invalid("request.agents", new CredentialRequest("bob", CredentialRole.Operator, Agents: [s.TrackerId]));
        await Invalid("request.agents", new CredentialRequest("mallory", CredentialRole.Agent, Agents: [s.ShipperId]));
        Assert.Equal(before, await Snapshot(s.Root));
    }

    [Fact]
    public async Task Text_the_wire_would_change_is_refused_by_the_client_before_it_is_sent_naming_the_field()
    {
        var s = await NewStudio();
        var before = await Snapshot(s.Root);
        var half = Samples.Blocker("") with { Summary = "needs \uD800 three weeks" };
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => s.Tracker.Producer.ReportBlocker(half));
        Assert.Equal("report.summary", refused.Field);
        Assert.Contains("unpaired surrogate at position 6", refused.Reason, StringComparison.Ordinal);
        var nested = new WorkItem("exp-9", WorkItemKind.Experiment, s.TrackerId, "checkout", "Green CTA", fixture.Today, fixture.Today.AddDays(7),
            [new Dependency("x\uDC00")], 1m, 1);
        Assert.Equal("item.dependsOn[0].itemId", (await Assert.ThrowsAsync<InvalidRequestException>(() => s.Tracker.WorkGraph.DeclareWorkItem(nested, "planned"))).Field);
        Assert.Equal(before, await Snapshot(s.Root));
    }
}
