using System.Net;
using System.Text.Json.Nodes;
using Orchestration.Gateway;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>The HTTP API as an agent in another language uses it: the seed's workflows end to end, refusals that
/// name the field and change nothing, retries applied once, and the committed OpenAPI document.</summary>
[Collection(GatewayCollection.Name)]
public class GatewayApiTests(GatewayFixture fixture)
{
    private string Day(int days) => fixture.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(string Studio, HttpAgent Operator)> NewStudio()
    {
        var id = Ids.New("studio");
        return (id, await fixture.Credential(id, "olivia", CredentialRole.Operator));
    }

    private async Task<HttpAgent> Agent(string studio, string prefix, string kind)
    {
        var agent = await fixture.Credential(studio, Ids.New(prefix), CredentialRole.Agent);
        var registered = (await agent.Post("agents", new { kind, displayName = prefix, capacity = 3 })).Ok();
        Assert.Equal("external", registered.Body.GetProperty("agent").GetProperty("hosting").GetString());
        return agent;
    }

    [Fact]
    public async Task A_conflict_is_decided_by_an_approver_and_acknowledged_by_its_parties_only()
    {
        var (studio, op) = await NewStudio();
        var approver = await fixture.Credential(studio, "alice", CredentialRole.Approver);
        var tracker = await Agent(studio, "tracker", AgentKinds.ExperimentTracker);
        var shipper = await Agent(studio, "shipper", AgentKinds.ProjectShipper);
        var outsider = await Agent(studio, "tracker", AgentKinds.ExperimentTracker);
        (await op.Post("strategy", new { messageId = "s-1", version = 1, priorities = new[] { "customer-commitments", "learning" },
            constraints = new[] { "human-approval for conflict decisions" }, rationale = "Customers first" })).Ok();

        object Experiment(int days) => new
        {
            item = new { itemId = "exp-cta", kind = "experiment", projectId = "checkout", title = "Green CTA", start = Day(0), end = Day(days),
                dependsOn = Array.Empty<object>(), revenueAtStake = 200_000, sampleSizeNeeded = 10_000 },
            reason = days == 21 ? "planned" : "needs three more weeks",
        };
        (await tracker.Post("work", Experiment(21))).Ok();
        (await shipper.Post("work", new
        {
            item = new { itemId = "checkout-v2", kind = "release", projectId = "checkout", title = "One-page checkout", start = Day(0), end = Day(30),
                dependsOn = new[] { new { itemId = "exp-cta", leadDays = 2 } }, commitments = new[] { new { customer = "Acme", accounts = 40, contractual = true } } },
            reason = "planned",
        })).Ok();
        // The shipper cannot move the tracker's experiment, even naming the tracker as owner.
        (await shipper.Post("work", Experiment(42))).Refused(HttpStatusCode.Forbidden, "item.ownerAgentId");

        var slip = (await tracker.Post("work", Experiment(42))).Ok();
        var conflictId = Assert.Single(slip.Body.GetProperty("conflictsRaised").EnumerateArray()).GetString()!;
        var held = Assert.Single((await op.Get("decisions/pending")).Ok().Body.EnumerateArray());
        var option = held.GetProperty("recommendedOptionId").GetString()!;

        // Only an approver decides, and only under their own name.
        (await tracker.Post($"conflicts/{conflictId}/approve", new { optionId = option, why = "mine" })).Refused(HttpStatusCode.Forbidden, "role");
        (await op.Post($"conflicts/{conflictId}/approve", new { optionId = option, why = "ops" })).Refused(HttpStatusCode.Forbidden, "role");
        (await approver.Post($"conflicts/{conflictId}/approve", new { optionId = option, by = "ceo", why = "as the CEO" })).Refused(HttpStatusCode.Forbidden, "by");
        var decided = (await approver.Post($"conflicts/{conflictId}/approve", new { optionId = option, why = "as recommended" })).Ok();
        var decision = decided.Body.GetProperty("decision");
        Assert.Equal("alice", decision.GetProperty("decidedBy").GetString());
        var decisionId = decision.GetProperty("decisionId").GetString()!;

        // Acknowledged only by the two parties, each as itself.
        (await outsider.Post($"conflicts/{conflictId}/acknowledge", new { decisionId })).Refused(HttpStatusCode.Forbidden, "acknowledgement.agentId");
        (await shipper.Post($"conflicts/{conflictId}/acknowledge", new { decisionId, agentId = tracker.Subject })).Refused(HttpStatusCode.Forbidden, "agentId");
        (await op.Post($"conflicts/{conflictId}/acknowledge", new { decisionId })).Refused(HttpStatusCode.Forbidden, "role");
        var afterOne = (await shipper.Post($"conflicts/{conflictId}/acknowledge", new { decisionId })).Ok();
        var acknowledged = afterOne.Body.GetProperty("acknowledgements").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([shipper.Subject], acknowledged);

        // The journal records the decision under the approver's name, readable by every credential of the studio.
        var journal = (await tracker.Get("journal?kind=DecisionRecorded")).Ok();
        var recorded = Assert.Single(journal.Body.GetProperty("events").EnumerateArray());
        Assert.Equal("DecisionRecorded", recorded.GetProperty("type").GetString());
        Assert.Contains("alice", recorded.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_names_the_field_and_leaves_the_studio_unchanged()
    {
        var (studio, op) = await NewStudio();
        var tracker = await Agent(studio, "tracker", AgentKinds.ExperimentTracker);
        var before = (await op.Get("journal")).Ok().Body.GetProperty("next").GetInt64();

        (await tracker.Post("reports/blockers", "{ \"reportId\": \"b1\", ")).Refused(HttpStatusCode.BadRequest, "body");
        (await tracker.Post("reports/blockers", new { reportId = "b1", projectId = "p", summary = "s", blocks = "b", impact = "i", severity = "urgent", owner = "o" }))
            .Refused(HttpStatusCode.BadRequest, "severity");
        (await tracker.Post("reports/risks", new { reportId = "r1", projectId = "p", summary = "s", impact = "i", severity = "low", owner = "o", likelihood = "likely", mitigation = "" }))
            .Refused(HttpStatusCode.BadRequest, "likelihood");
        (await tracker.Post("reports/blockers", new { reportId = "b1", projectId = "p", summary = " ", blocks = "b", impact = "i", severity = "high", owner = "o" }))
            .Refused(HttpStatusCode.BadRequest, "report.summary");
        (await tracker.Post("reports/blockers", new { reportId = "b1", projectId = "p", summary = "\u001b[31mred", blocks = "b", impact = "i", severity = "high", owner = "o" }))
            .Refused(HttpStatusCode.BadRequest, "report.summary");
        (await tracker.Post("work", new { item = new { itemId = "e1", kind = "experiment", projectId = "p", title = "t", start = Day(10), end = Day(1), dependsOn = Array.Empty<object>() }, reason = "r" }))
            .Refused(HttpStatusCode.BadRequest, "item.end");
        (await tracker.Post("reports/blockers", new { projectId = "p", summary = "s", blocks = "b", impact = "i", severity = "high", owner = "o" }))
            .Refused(HttpStatusCode.BadRequest, "report.reportId");
        (await op.Get("reports/nope")).Refused(HttpStatusCode.NotFound, "reportId");
        (await op.Get("briefing?days=0")).Refused(HttpStatusCode.BadRequest, "days");

        Assert.Equal(before, (await op.Get("journal")).Ok().Body.GetProperty("next").GetInt64());
        Assert.Empty((await op.Get("reports")).Body.EnumerateArray());
    }

    [Fact]
    public async Task An_operator_manages_subscriptions_over_http_and_an_agent_may_not()
    {
        var (studio, op) = await NewStudio();
        var tracker = await Agent(studio, "tracker", AgentKinds.ExperimentTracker);
        var execs = new { subscriptionId = "execs", group = "executive-team", channel = "email", to = new[] { "ceo@example.com" }, briefing = "stakeholder-update", everyDays = 14, alerts = new[] { "decisionTaken" } };

        (await op.Send(HttpMethod.Put, "notifications/subscriptions/execs", execs)).Ok();
        (await op.Send(HttpMethod.Put, "notifications/subscriptions/bad", execs with { subscriptionId = "bad", to = new[] { "not an address" } }))
            .Refused(HttpStatusCode.BadRequest, "subscription.to[0]");
        (await op.Send(HttpMethod.Put, "notifications/subscriptions/hook", new { subscriptionId = "hook", group = "war-room", channel = "webhook", to = new[] { "https://ops.example.com/h" }, alerts = new[] { "slaBreach" } }))
            .Refused(HttpStatusCode.BadRequest, "subscription.secret");
        (await tracker.Get("notifications")).Refused(HttpStatusCode.Forbidden, "role");

        var overview = (await op.Get("notifications")).Ok().Body;
        var subscription = Assert.Single(overview.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal(("execs", "stakeholder-update"), (subscription.GetProperty("subscriptionId").GetString(), subscription.GetProperty("briefing").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await op.Send(HttpMethod.Delete, "notifications/subscriptions/execs", null)).Status);
        Assert.Empty((await op.Get("notifications")).Ok().Body.GetProperty("subscriptions").EnumerateArray());
        (await op.Post("notifications/resend", new { key = "nothing/like/this" })).Refused(HttpStatusCode.BadRequest, "key");
    }

    [Fact]
    public async Task A_retried_report_is_applied_once_whether_its_id_is_in_the_body_or_the_idempotency_key()
    {
        var (studio, op) = await NewStudio();
        var tracker = await Agent(studio, "tracker", AgentKinds.ExperimentTracker);
        var blocker = new { reportId = "b1", projectId = "p", summary = "s", blocks = "b", impact = "i", severity = "high", owner = "o" };

        Assert.False((await tracker.Post("reports/blockers", blocker)).Ok().Body.GetProperty("wasDuplicate").GetBoolean());
        Assert.True((await tracker.Post("reports/blockers", blocker)).Ok().Body.GetProperty("wasDuplicate").GetBoolean());
        (await tracker.Post("reports/blockers", blocker with { summary = "different" })).Refused(HttpStatusCode.BadRequest, "report.reportId");

        var keyed = new { projectId = "p", summary = "s2", blocks = "b", impact = "i", severity = "low", owner = "o" };
        var first = (await tracker.Post("reports/blockers", keyed, idempotencyKey: "key-7")).Ok();
        Assert.Equal(("key-7", false), (first.Str("reportId"), first.Body.GetProperty("wasDuplicate").GetBoolean()));
        Assert.True((await tracker.Post("reports/blockers", keyed, idempotencyKey: "key-7")).Ok().Body.GetProperty("wasDuplicate").GetBoolean());

        Assert.Equal(2, (await op.Get("reports")).Body.GetArrayLength());
    }

    [Fact]
    public async Task The_committed_OpenAPI_document_is_the_one_the_gateway_serves()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var served = JsonNode.Parse(await http.GetStringAsync(GatewayHosting.OpenApiPath))!;
        var committedPath = Repository.File("docs", "openapi.json");
        var committed = File.Exists(committedPath) ? JsonNode.Parse(await File.ReadAllTextAsync(committedPath)) : null;

        if (!JsonNode.DeepEquals(served, committed))
        {
            var actual = Path.Combine(Path.GetTempPath(), "openapi.served.json");
            await File.WriteAllTextAsync(actual, served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
            Assert.Fail($"docs/openapi.json is not what the gateway serves: review and commit it with `cp {actual} {committedPath}`");
        }

        // Every studio route is in it, and it says how to authenticate.
        var paths = served["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/v1/studios/{studio}/reports/blockers", paths);
        Assert.Contains("/v1/studios/{studio}/conflicts/{conflictId}/approve", paths);
        Assert.Equal("bearer", served["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
    }
}
