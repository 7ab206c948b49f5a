using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Orchestration.Gateway;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Gateway;

/// <summary>The MCP server through the official C# MCP client, as an LLM agent's host would use it.</summary>
[Collection(GatewayCollection.Name)]
public class McpAgentTests(GatewayFixture fixture)
{
    private async Task<McpClient> Connect(string token) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(fixture.BaseAddress, GatewayHosting.McpPath),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }));

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static JsonElement Json(CallToolResult result)
    {
        Assert.False(result.IsError is true, Text(result));
        return JsonDocument.Parse(Text(result)).RootElement;
    }

    [Fact]
    public async Task An_MCP_agent_registers_reports_a_blocker_and_reads_the_acknowledgement_from_its_inbox()
    {
        var studio = Ids.New("studio");
        var agent = await fixture.Credential(studio, Ids.New("llm"), CredentialRole.Agent);
        await using var mcp = await Connect(agent.Token);

        var tools = (await mcp.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Superset(new HashSet<string> { "register", "report_blocker", "report_risk", "declare_work_item", "read_inbox", "acknowledge_decision", "respond_to_handoff", "get_strategy", "get_studio_status" }, tools.ToHashSet());

        var registered = Json(await mcp.CallToolAsync("register", new Dictionary<string, object?> { ["kind"] = AgentKinds.ExperimentTracker, ["displayName"] = "LLM tracker", ["capacity"] = 2 }));
        Assert.Equal((agent.Subject, "external"), (registered.GetProperty("agent").GetProperty("agentId").GetString(), registered.GetProperty("agent").GetProperty("hosting").GetString()));

        var receipt = Json(await mcp.CallToolAsync("report_blocker", new Dictionary<string, object?>
        {
            ["reportId"] = "blk-mcp", ["projectId"] = "checkout", ["summary"] = "Traffic too low", ["blocks"] = "exp-cta",
            ["impact"] = "Result comes late", ["severity"] = "high", ["owner"] = "producer",
        }));
        Assert.False(receipt.GetProperty("wasDuplicate").GetBoolean());

        // The acknowledgement is in its inbox (delivered after the report is stored).
        var inbox = await Eventually.Until(async () => Json(await mcp.CallToolAsync("read_inbox", new Dictionary<string, object?> { ["after"] = 0 })),
            page => page.GetProperty("entries").GetArrayLength() > 0, "the acknowledgement in the MCP agent's inbox");

        var message = Assert.Single(inbox.GetProperty("entries").EnumerateArray()).GetProperty("item");
        Assert.Equal(("ReportAcknowledged", "blk-mcp", agent.Subject), (message.GetProperty("type").GetString(), message.GetProperty("reportId").GetString(), message.GetProperty("agentId").GetString()));

        var status = Json(await mcp.CallToolAsync("get_studio_status"));
        Assert.Equal((1, 1), (status.GetProperty("agents").GetInt32(), status.GetProperty("openBlockers").GetInt32()));
        var report = Assert.Single((await fixture.Client.GetGrain<Orchestration.Grains.Interfaces.Producer.IProducerGrain>(studio).GetOpenReports()));
        Assert.Equal(agent.Subject, report.AgentId);
    }

    [Fact]
    public async Task MCP_refuses_a_stranger_a_role_that_may_not_and_a_party_that_is_not_one()
    {
        var studio = Ids.New("studio");
        var agent = await fixture.Credential(studio, Ids.New("llm"), CredentialRole.Agent);
        var stakeholder = await fixture.Credential(studio, "sam", CredentialRole.Stakeholder);

        // No valid token: the server answers 401 before any tool runs.
        var stranger = await Assert.ThrowsAnyAsync<Exception>(() => Connect(agent.Token + "x"));
        Assert.Contains("401", stranger.ToString(), StringComparison.Ordinal);

        // A stakeholder sees and may call only the read tools.
        await using (var reader = await Connect(stakeholder.Token))
        {
            var tools = (await reader.ListToolsAsync()).Select(t => t.Name).ToHashSet();
            Assert.Contains("get_studio_status", tools);
            Assert.DoesNotContain("report_blocker", tools);
            var refused = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => reader.CallToolAsync("report_blocker", new Dictionary<string, object?>
            {
                ["reportId"] = "blk-s", ["projectId"] = "p", ["summary"] = "s", ["blocks"] = "b", ["impact"] = "i", ["severity"] = "high", ["owner"] = "o",
            }).AsTask());
            Assert.Contains("forbidden", refused.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(await fixture.Client.GetGrain<Orchestration.Grains.Interfaces.Producer.IProducerGrain>(studio).GetOpenReports());
        }

        // An agent is refused, with the field, what it may not do: acknowledge a conflict it is not part of; bad input too.
        await using var mcp = await Connect(agent.Token);
        await mcp.CallToolAsync("register", new Dictionary<string, object?> { ["kind"] = AgentKinds.ExperimentTracker, ["displayName"] = "LLM", ["capacity"] = 2 });
        var unknown = await mcp.CallToolAsync("acknowledge_decision", new Dictionary<string, object?> { ["conflictId"] = "conflict-none", ["decisionId"] = "d" });
        Assert.True(unknown.IsError is true);
        Assert.Contains("refused: ", Text(unknown), StringComparison.Ordinal);
        var blank = await mcp.CallToolAsync("report_blocker", new Dictionary<string, object?>
        {
            ["reportId"] = "blk-1", ["projectId"] = "p", ["summary"] = " ", ["blocks"] = "b", ["impact"] = "i", ["severity"] = "high", ["owner"] = "o",
        });
        Assert.Equal("refused: report.summary: is required", Text(blank));

        // Revoked: the next request is refused.
        await fixture.Client.GetGrain<ICredentialsGrain>(studio).Revoke(new CredentialRevocation(agent.Issued.Credential.CredentialId, "olivia"));
        var afterRevocation = await Assert.ThrowsAnyAsync<Exception>(() => mcp.CallToolAsync("get_studio_status").AsTask());
        Assert.Contains("401", afterRevocation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_studio_reports_are_MCP_resources_in_markdown()
    {
        var studio = Ids.New("studio");
        var op = await fixture.Credential(studio, "olivia", CredentialRole.Operator);
        var shipper = await fixture.Credential(studio, Ids.New("shipper"), CredentialRole.Agent);
        (await shipper.Post("agents", new { kind = AgentKinds.ProjectShipper, displayName = "Shipper", capacity = 3 })).Ok();
        (await op.Post("projects", new { projectId = "checkout", name = "Checkout", ownerAgentIds = new[] { shipper.Subject }, milestones = Array.Empty<object>() })).Ok();
        await using var mcp = await Connect(op.Token);

        var resources = (await mcp.ListResourcesAsync()).Select(r => r.Uri).ToHashSet();
        Assert.Superset(new HashSet<string> { "orchestration://studio/weekly-sync", "orchestration://studio/stakeholder-update", "orchestration://studio/portfolio" }, resources);
        var portfolio = await mcp.ReadResourceAsync("orchestration://studio/portfolio");
        var text = Assert.IsType<TextResourceContents>(Assert.Single(portfolio.Contents)).Text;
        Assert.StartsWith("# ", text, StringComparison.Ordinal);
        Assert.Contains("checkout", text, StringComparison.Ordinal);
    }
}
