using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestration.Client;
using Orchestration.Client.AI;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.AI;

/// <summary>
/// The studio as AI functions, called as a model's function calls arrive (arguments as JSON): they act as the one
/// agent they are bound to, their schemas say what a model may send, and every refusal comes back as text the model
/// can act on, with nothing changed in the studio.
/// </summary>
[Collection(ClusterCollection.Name)]
public class StudioFunctionTests(ClusterFixture fixture)
{
    private async Task<(StudioClient Root, StudioClient Agent, string AgentId)> AgentOfNewStudio()
    {
        var root = fixture.NewStudio();
        var agentId = Ids.New("llm");
        var issued = await root.Credentials.Issue(new CredentialRequest(agentId, CredentialRole.Agent, "test-operator"));
        var agent = root.As(issued.Token);
        await agent.RegisterExternalAgentAsync(agentId, AgentKinds.ExperimentTracker, "LLM tracker", 2);
        return (root, agent, agentId);
    }

    /// <summary>Arguments as a chat client hands them over: JSON values.</summary>
    private static AIFunctionArguments Args(params (string Name, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => (object?)JsonSerializer.SerializeToElement(v.Value)));

    private static (string, object?)[] Blocker(string reportId, string severity = "high") =>
        [("reportId", reportId), ("projectId", "checkout"), ("summary", "Traffic too low"), ("blocks", "exp-cta"), ("impact", "Result comes late"), ("severity", severity), ("owner", "producer")];

    private static AIFunction Named(IReadOnlyList<AIFunction> functions, string name) => functions.Single(f => f.Name == name);

    [Fact]
    public async Task The_functions_describe_their_arguments_with_types_allowed_values_and_what_is_required()
    {
        var (_, agent, agentId) = await AgentOfNewStudio();
        var functions = StudioFunctions.ForAgent(agent, agentId);

        Assert.Equal(StudioFunctions.Names, functions.Select(f => f.Name));
        Assert.All(functions, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
        var blocker = Named(functions, "report_blocker").JsonSchema;
        Assert.Equal(["low", "medium", "high", "critical"], blocker.GetProperty("properties").GetProperty("severity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["reportId", "projectId", "summary", "blocks", "impact", "severity", "owner"], blocker.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(blocker.GetProperty("properties").TryGetProperty("agentId", out _), "no function takes an agent id");
        var work = Named(functions, "declare_work_item").JsonSchema.GetProperty("properties");
        Assert.Equal("date", work.GetProperty("start").GetProperty("format").GetString());
        Assert.Equal(["experiment", "release"], work.GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_model_s_calls_act_as_the_bound_agent_and_a_refusal_comes_back_as_text_changing_nothing()
    {
        var (root, agent, agentId) = await AgentOfNewStudio();
        var functions = StudioFunctions.ForAgent(agent, agentId);

        var receipt = (JsonElement)(await Named(functions, "report_blocker").InvokeAsync(Args(Blocker("blk-ai"))))!;
        Assert.False(receipt.GetProperty("wasDuplicate").GetBoolean());
        Assert.Equal(agentId, Assert.Single(await root.GetOpenReportsAsync()).AgentId);

        Assert.Equal("refused: severity: 'urgent' is not one of: low, medium, high, critical", await Named(functions, "report_blocker").InvokeAsync(Args(Blocker("blk-2", "urgent"))));
        Assert.Equal("refused: owner: is required", await Named(functions, "report_blocker").InvokeAsync(Args([.. Blocker("blk-3").Where(a => a.Item1 != "owner")])));
        Assert.Equal("refused: start: must be a date, YYYY-MM-DD", await Named(functions, "declare_work_item").InvokeAsync(Args(
            ("itemId", "exp-1"), ("kind", "experiment"), ("projectId", "checkout"), ("title", "CTA"), ("start", "soon"), ("end", "2026-12-20"), ("reason", "planned"))));
        var backwards = (string)(await Named(functions, "declare_work_item").InvokeAsync(Args(
            ("itemId", "exp-1"), ("kind", "experiment"), ("projectId", "checkout"), ("title", "CTA"), ("start", "2026-12-20"), ("end", "2026-12-01"), ("reason", "planned"))))!;
        Assert.StartsWith("refused: item.end: ", backwards, StringComparison.Ordinal);
        Assert.StartsWith("refused: conflictId: ", (string)(await Named(functions, "get_conflict").InvokeAsync(Args(("conflictId", "conflict-404"))))!, StringComparison.Ordinal);

        Assert.Single(await root.GetOpenReportsAsync());
        Assert.Empty(await root.WorkGraph.GetWorkItems());
    }

    [Fact]
    public async Task Functions_bound_to_another_agent_than_the_credential_are_not_permitted_to_act()
    {
        var (root, agent, _) = await AgentOfNewStudio();
        var other = Ids.New("other");
        await root.RegisterExternalAgentAsync(other, AgentKinds.ProjectShipper, "Other", 2);

        var answer = (string)(await Named(StudioFunctions.ForAgent(agent, other), "report_blocker").InvokeAsync(Args(Blocker("blk-as-other"))))!;

        Assert.StartsWith("not permitted: ", answer, StringComparison.Ordinal);
        Assert.Empty(await root.GetOpenReportsAsync());
    }
}
