using System.Net;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>
/// Every way a caller on the HTTP API could pose as someone else, refused: who did something is the credential's
/// subject, an agent acts only as itself, a role does only what it may, a credential reads only its studio, and a
/// revoked one stops at once. Each case failed on the release before the gateway: the Orleans contract took the
/// name in the request at its word.
/// </summary>
[Collection(GatewayCollection.Name)]
public class GatewaySecurityTests(GatewayFixture fixture)
{
    private sealed record Studio(string Id, HttpAgent Tracker, HttpAgent Shipper, HttpAgent Outsider, HttpAgent Operator, HttpAgent Approver, HttpAgent Stakeholder);

    /// <summary>A studio with a tracker, a shipper and a third agent (each registered over HTTP), an operator, an approver and a stakeholder.</summary>
    private async Task<Studio> NewStudio()
    {
        var id = Ids.New("studio");
        var tracker = await fixture.Credential(id, Ids.New("tracker"), CredentialRole.Agent);
        var shipper = await fixture.Credential(id, Ids.New("shipper"), CredentialRole.Agent);
        var outsider = await fixture.Credential(id, Ids.New("tracker"), CredentialRole.Agent);
        foreach (var (agent, kind) in new[] { (tracker, AgentKinds.ExperimentTracker), (shipper, AgentKinds.ProjectShipper), (outsider, AgentKinds.ExperimentTracker) })
            (await agent.Post("agents", new { kind, displayName = agent.Subject, capacity = 3 })).Ok();
        return new Studio(id, tracker, shipper, outsider,
            await fixture.Credential(id, "olivia", CredentialRole.Operator),
            await fixture.Credential(id, "alice", CredentialRole.Approver),
            await fixture.Credential(id, "sam", CredentialRole.Stakeholder));
    }

    private static object Blocker(string id) => new
    {
        reportId = id, projectId = "checkout", summary = "Needs three more weeks", blocks = "checkout-v2",
        impact = "Committed date at risk", severity = "high", owner = "producer",
    };

    [Fact]
    public async Task A_request_without_a_valid_token_is_refused_with_401_and_says_why()
    {
        var s = await NewStudio();
        using var anonymous = new HttpClient { BaseAddress = fixture.BaseAddress };
        var none = await anonymous.GetAsync($"/v1/studios/{s.Id}/reports");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", Assert.Single(none.Headers.WwwAuthenticate).Scheme);

        foreach (var token in new[] { s.Tracker.Token + "x", "orch.bm9wZQ.c1.secret", "not-a-token", s.Tracker.Token.Replace(s.Tracker.Issued.Credential.CredentialId, "c0000000000000000", StringComparison.Ordinal) })
        {
            using var forged = new HttpAgent(fixture.BaseAddress, s.Id, s.Tracker.Issued with { Token = token });
            (await forged.Get("reports")).Refused(HttpStatusCode.Unauthorized, "authorization");
            (await forged.Post("reports/blockers", Blocker("blk-forged"))).Refused(HttpStatusCode.Unauthorized, "authorization");
        }

        (await s.Operator.Get("reports")).Ok();
        Assert.Empty((await s.Operator.Get("reports")).Body.EnumerateArray());
    }

    [Fact]
    public async Task An_agent_reports_only_as_itself_and_resolves_only_its_own_reports()
    {
        var s = await NewStudio();

        // Naming another agent in the body is refused; naming none records the caller.
        (await s.Tracker.Post("reports/blockers", new { agentId = s.Shipper.Subject, reportId = "blk-1", projectId = "checkout", summary = "x", blocks = "y", impact = "z", severity = "high", owner = "p" }))
            .Refused(HttpStatusCode.Forbidden, "agentId");
        var receipt = (await s.Tracker.Post("reports/blockers", Blocker("blk-1"))).Ok();
        Assert.False(receipt.Body.GetProperty("wasDuplicate").GetBoolean());
        Assert.Equal(s.Tracker.Subject, (await s.Operator.Get("reports/blk-1")).Ok().Str("agentId"));

        // Another agent cannot close it, under its own name or the reporter's.
        (await s.Shipper.Post("reports/blk-1/resolve", new { resolution = "cleared" })).Refused(HttpStatusCode.Forbidden, "reportId");
        (await s.Shipper.Post("reports/blk-1/resolve", new { resolution = "cleared", resolvedBy = s.Tracker.Subject })).Refused(HttpStatusCode.Forbidden, "reportId");
        (await s.Tracker.Post("reports/blk-1/resolve", new { resolution = "cleared", resolvedBy = s.Shipper.Subject })).Refused(HttpStatusCode.Forbidden, "resolvedBy");
        Assert.True((await s.Operator.Get("reports/blk-1")).Ok().Body.GetProperty("isOpen").GetBoolean());

        // The reporter can, and so can an operator (any report); each is recorded under its credential.
        var resolved = (await s.Tracker.Post("reports/blk-1/resolve", new { resolution = "cleared" })).Ok();
        Assert.Equal(s.Tracker.Subject, resolved.Body.GetProperty("resolution").GetProperty("resolvedBy").GetString());
        (await s.Shipper.Post("reports/blockers", Blocker("blk-2"))).Ok();
        var byOperator = (await s.Operator.Post("reports/blk-2/resolve", new { resolution = "escalated and cleared" })).Ok();
        Assert.Equal("olivia", byOperator.Body.GetProperty("resolution").GetProperty("resolvedBy").GetString());
    }

    [Fact]
    public async Task A_handoff_is_offered_only_from_the_caller_and_answered_only_by_its_recipient()
    {
        var s = await NewStudio();
        var offer = new
        {
            handoffId = "h-1", kind = "winning-experiment", toAgentId = s.Shipper.Subject, itemId = "exp-cta", projectId = "checkout",
            summary = "Green CTA won", payload = new Dictionary<string, string> { ["spec"] = "one-page" }, priority = 1,
        };
        (await s.Tracker.Post("handoffs", new { offer.handoffId, offer.kind, fromAgentId = s.Outsider.Subject, offer.toAgentId, offer.itemId, offer.projectId, offer.summary, offer.payload, offer.priority }))
            .Refused(HttpStatusCode.Forbidden, "fromAgentId");
        Assert.Equal(s.Tracker.Subject, (await s.Tracker.Post("handoffs", offer)).Ok().Body.GetProperty("offer").GetProperty("fromAgentId").GetString());

        // The outsider cannot reject it, neither as itself nor as the recipient.
        (await s.Outsider.Post("handoffs/h-1/response", new { accept = false, reason = "no" })).Refused(HttpStatusCode.Forbidden, "response.agentId");
        (await s.Outsider.Post("handoffs/h-1/response", new { agentId = s.Shipper.Subject, accept = false, reason = "no" })).Refused(HttpStatusCode.Forbidden, "agentId");
        (await s.Operator.Post("handoffs/h-1/response", new { accept = false, reason = "no" })).Refused(HttpStatusCode.Forbidden, "role");

        var accepted = (await s.Shipper.Post("handoffs/h-1/response", new { accept = true, reason = "on it" })).Ok();
        Assert.Equal("accepted", accepted.Str("status"));
    }

    [Fact]
    public async Task Strategy_is_published_only_by_an_operator_under_their_own_name()
    {
        var s = await NewStudio();
        var strategy = new { messageId = "s-1", version = 1, priorities = new[] { "customer-commitments" }, constraints = Array.Empty<string>(), rationale = "Customers first" };
        (await s.Tracker.Post("strategy", strategy)).Refused(HttpStatusCode.Forbidden, "role");
        (await s.Approver.Post("strategy", strategy)).Refused(HttpStatusCode.Forbidden, "role");
        (await s.Stakeholder.Post("strategy", strategy)).Refused(HttpStatusCode.Forbidden, "role");
        (await s.Operator.Post("strategy", new { strategy.messageId, strategy.version, strategy.priorities, strategy.constraints, strategy.rationale, issuedBy = "studio-producer" }))
            .Refused(HttpStatusCode.Forbidden, "issuedBy");
        (await s.Operator.Get("strategy")).Refused(HttpStatusCode.NotFound, "strategy");

        var published = (await s.Operator.Post("strategy", strategy)).Ok();
        Assert.Equal(("olivia", 1), (published.Str("issuedBy"), published.Body.GetProperty("version").GetInt32()));
        // A version far ahead is refused by the Producer, as over Orleans: nobody can poison the studio's versions.
        (await s.Operator.Post("strategy", new { messageId = "s-2", version = 1_000_000, strategy.priorities, strategy.constraints, strategy.rationale }))
            .Refused(HttpStatusCode.BadRequest, "change.version");
        Assert.Equal(1, (await s.Stakeholder.Get("strategy")).Ok().Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_stakeholder_reads_and_raises_requests_in_their_own_name_and_changes_nothing_else()
    {
        var s = await NewStudio();
        (await s.Stakeholder.Get("")).Ok();
        (await s.Stakeholder.Get("reports")).Ok();
        (await s.Stakeholder.Post("reports/blockers", Blocker("blk-s"))).Refused(HttpStatusCode.Forbidden, "role");
        (await s.Stakeholder.Post("projects", new { projectId = "checkout", name = "Checkout", ownerAgentIds = new[] { s.Shipper.Subject }, milestones = Array.Empty<object>() }))
            .Refused(HttpStatusCode.Forbidden, "role");
        (await s.Stakeholder.Post("escalations/requests", new { requestId = "rq-1", stakeholder = "ceo", summary = "Where is checkout?" }))
            .Refused(HttpStatusCode.Forbidden, "stakeholder");
        var raised = (await s.Stakeholder.Post("escalations/requests", new { requestId = "rq-1", summary = "Where is checkout?" })).Ok();
        Assert.Contains("sam", raised.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await s.Operator.Get("")).Ok().Body.GetProperty("openBlockers").GetInt32());
    }

    [Fact]
    public async Task A_credential_of_one_studio_reads_and_writes_nothing_of_another()
    {
        var a = await NewStudio();
        var b = await NewStudio();
        (await b.Tracker.Post("reports/blockers", Blocker("blk-b"))).Ok();

        foreach (var caller in new[] { a.Operator, a.Stakeholder, a.Tracker, a.Approver })
        {
            foreach (var path in new[] { "", "reports", "reports/blk-b", "journal", "agents", "conflicts", "metrics", "me" })
                (await caller.Get($"/v1/studios/{b.Id}/{path}".TrimEnd('/'))).Refused(HttpStatusCode.Forbidden, "studio");
        }

        (await a.Tracker.Post($"/v1/studios/{b.Id}/reports/blockers", Blocker("blk-a"))).Refused(HttpStatusCode.Forbidden, "studio");
        (await a.Operator.Post($"/v1/studios/{b.Id}/reports/blk-b/resolve", new { resolution = "closed from A" })).Refused(HttpStatusCode.Forbidden, "studio");
        Assert.True((await b.Operator.Get("reports/blk-b")).Ok().Body.GetProperty("isOpen").GetBoolean());
        Assert.Single((await b.Operator.Get("reports")).Body.EnumerateArray());
    }

    [Fact]
    public async Task A_revoked_credential_stops_working_at_the_next_request()
    {
        var s = await NewStudio();
        (await s.Tracker.Post("reports/blockers", Blocker("blk-1"))).Ok();

        var revoked = await fixture.Client.GetGrain<ICredentialsGrain>(s.Id).Revoke(new CredentialRevocation(s.Tracker.Issued.Credential.CredentialId, "olivia"));
        Assert.Equal("olivia", revoked.RevokedBy);

        (await s.Tracker.Post("reports/blockers", Blocker("blk-2"))).Refused(HttpStatusCode.Unauthorized, "authorization");
        (await s.Tracker.Get("reports")).Refused(HttpStatusCode.Unauthorized, "authorization");
        Assert.DoesNotContain((await s.Operator.Get("reports")).Body.EnumerateArray(), r => r.GetProperty("reportId").GetString() == "blk-2");

        // A new credential for the same agent works (rotation: issue the new one, then revoke the old).
        using var renewed = await fixture.Credential(s.Id, s.Tracker.Subject, CredentialRole.Agent);
        (await renewed.Post("reports/blockers", Blocker("blk-2"))).Ok();
        var listed = await fixture.Client.GetGrain<ICredentialsGrain>(s.Id).List();
        Assert.Equal(2, listed.Count(c => c.Subject == s.Tracker.Subject));
        Assert.Single(listed, c => c.Subject == s.Tracker.Subject && c.IsRevoked);
    }

    [Fact]
    public async Task Each_credential_has_its_own_rate_limit_and_is_told_when_to_retry()
    {
        var s = await NewStudio();
        var answers = await Task.WhenAll(Enumerable.Range(0, GatewayFixture.Burst * 2).Select(_ => s.Stakeholder.Get("me")));

        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.OK) >= GatewayFixture.Burst / 2, "the burst was served before the limit");
        Assert.All(limited, a =>
        {
            a.Refused(HttpStatusCode.TooManyRequests, "authorization");
            Assert.True(int.Parse(a.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        });

        // Another credential of the same studio is not slowed by it.
        (await s.Operator.Get("me")).Ok();
    }

    [Fact]
    public async Task A_studio_stores_only_a_hash_of_each_secret_and_refuses_a_bad_credential_request_by_field()
    {
        var studio = Ids.New("studio");
        var credentials = fixture.Client.GetGrain<ICredentialsGrain>(studio);
        var issued = await credentials.Issue(new CredentialRequest("tracker-1", CredentialRole.Agent, "olivia"));
        var secret = issued.Token.Split('.')[3];

        var stored = await StoredState.ReadAsync<Orchestration.Grains.Identity.CredentialsState>(fixture.Cluster, "studio", "credentials", credentials);
        var kept = Assert.Single(stored.Credentials.Values);
        Assert.Equal(issued.Credential, kept.Credential);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), kept.SecretHash);
        Assert.DoesNotContain(secret, kept.ToString(), StringComparison.Ordinal);

        async Task Refused(string field, Func<Task> request) =>
            Assert.Equal(field, (await Assert.ThrowsAsync<Orchestration.Grains.Interfaces.Common.InvalidRequestException>(request)).Field);
        await Refused("request.subject", () => credentials.Issue(new CredentialRequest(" ", CredentialRole.Agent, "olivia")));
        await Refused("request.subject", () => credentials.Issue(new CredentialRequest("a\u001b[31m", CredentialRole.Agent, "olivia")));
        await Refused("request.role", () => credentials.Issue(new CredentialRequest("bob", (CredentialRole)42, "olivia")));
        await Refused("request.issuedBy", () => credentials.Issue(new CredentialRequest("bob", CredentialRole.Operator, "olivia\u0000")));
        await Refused("request.agents", () => credentials.Issue(new CredentialRequest("svc", CredentialRole.Service, "olivia")));
        await Refused("revocation.credentialId", () => credentials.Revoke(new CredentialRevocation("c-unknown", "olivia")));
        Assert.Single(await credentials.List());
        Assert.Null(await fixture.Client.GetGrain<ICredentialsGrain>(Ids.New("studio")).Authenticate(issued.Token)); // another studio's check
        Assert.Equal(issued.Credential, await credentials.Authenticate(issued.Token));
    }

    [Fact]
    public async Task No_token_or_secret_is_ever_written_to_a_log()
    {
        var s = await NewStudio();
        var revoked = await fixture.Credential(s.Id, Ids.New("tracker"), CredentialRole.Agent);
        await fixture.Client.GetGrain<ICredentialsGrain>(s.Id).Revoke(new CredentialRevocation(revoked.Issued.Credential.CredentialId, "olivia"));
        using var wrong = new HttpAgent(fixture.BaseAddress, s.Id, s.Tracker.Issued with { Token = s.Tracker.Token[..^4] + "AAAA" });

        // Accepted, refused for a role, refused as a stranger, revoked, malformed: every path a token takes.
        (await s.Tracker.Post("reports/blockers", Blocker("blk-1"))).Ok();
        (await s.Tracker.Post("strategy", new { version = 1 })).Refused(HttpStatusCode.Forbidden, "role");
        (await wrong.Get("reports")).Refused(HttpStatusCode.Unauthorized, "authorization");
        (await revoked.Get("reports")).Refused(HttpStatusCode.Unauthorized, "authorization");
        (await s.Tracker.Post("reports/blockers", "{ not json")).Refused(HttpStatusCode.BadRequest, "body");

        var secrets = new[] { s.Tracker, revoked, wrong, s.Operator }.Select(a => a.Token.Split('.')[3]).ToList();
        Assert.NotEmpty(fixture.Logs.Lines);
        foreach (var secret in secrets)
            Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(secret[..16], StringComparison.Ordinal));
    }
}
