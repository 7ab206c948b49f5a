using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.Llm;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.AI;

/// <summary>The <c>llm-agent</c> kind as an operator meets it: there when a model is configured (an OpenAI-compatible
/// endpoint, its key sent as the API wants it), absent otherwise, and the silo says which at start.</summary>
public class LlmAgentConfigurationTests
{
    private static async Task<(IHost App, StudioClient Studio)> Connect(SiloProcess silo, string studioId)
    {
        var host = Host.CreateApplicationBuilder();
        host.UseOrleansClient(client => client.UseOrchestrationDevelopment(silo.GatewayPort).AsTestRoot());
        var app = host.Build();
        await app.StartAsync();
        return (app, new StudioClient(app.Services.GetRequiredService<IClusterClient>(), studioId));
    }

    [Fact]
    public async Task Without_a_model_the_kind_is_not_registered_and_the_silo_says_so()
    {
        await using var silo = await SiloProcess.StartAsync();
        var (app, studio) = await Connect(silo, "no-model");
        using var _ = app;

        Assert.Contains("LLM agents: kind 'llm-agent' not registered: no model configured (set LlmAgents:Endpoint and LlmAgents:Model", silo.Output);
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => studio.StartHostedAgentAsync(AgentKinds.LlmAgent, "llm-1", "LLM", 2));
        Assert.Equal("registration.kind", refused.Field);
        await app.StopAsync();
    }

    [Fact]
    public async Task With_an_endpoint_and_a_model_the_agent_asks_that_model_and_a_refusing_endpoint_leaves_the_message_waiting()
    {
        using var endpoint = new WebhookReceiver();
        endpoint.Rules["/v1/chat/completions"] = _ => HttpStatusCode.Unauthorized; // not retried by the OpenAI client
        await using var silo = await SiloProcess.StartAsync($"--LlmAgents:Endpoint={endpoint.Url("v1")}", "--LlmAgents:Model=studio-model",
            "--LlmAgents:ApiKey=sk-test-key-0123456789");
        var (app, studio) = await Connect(silo, "with-model");
        using var _ = app;

        Assert.Contains($"LLM agents: kind 'llm-agent' registered, model studio-model at http://127.0.0.1:{endpoint.Port}", silo.Output);
        await studio.PublishStrategyAsync(new StrategyChange("m-1", 1, ["learning"], [], "Learn fast", "ceo"));
        await studio.StartHostedAgentAsync(AgentKinds.LlmAgent, "llm-1", "LLM", 2);

        var waiting = await Eventually.Until(studio.HostedAgent<ILlmAgentGrain>("llm-1").GetReactions, r => r.Pending.Any(p => p.LastError is not null), "the first attempt to fail");
        var call = Assert.Single(endpoint.Requests);
        Assert.Equal("Bearer sk-test-key-0123456789", call.Headers["Authorization"]);
        Assert.Contains("\"model\":\"studio-model\"", call.Body.Replace(" ", ""));
        Assert.Contains("\"name\":\"acknowledge_decision\"", call.Body.Replace(" ", "")); // the functions are offered
        var pending = Assert.Single(waiting.Pending);
        Assert.Equal(("strategy-v1", 1), (pending.MessageId, pending.Attempts));
        Assert.StartsWith("the model failed: ClientResultException: ", pending.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-key-0123456789", silo.Output); // the key is never logged

        // What an operator reads of it: the message waiting, and why.
        var (code, table, error) = await CliProcess.RunAsync("agents", "reactions", "llm-1", "--studio", "with-model",
            "--gateway", silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, error);
        Assert.Contains("strategy-v1", table);
        Assert.Contains("the model failed: ClientResultException", table);
        var (unknown, _, why) = await CliProcess.RunAsync("agents", "reactions", "nobody", "--studio", "with-model",
            "--gateway", silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, unknown);
        Assert.Contains("studio 'with-model' has no agent 'nobody'", why);
        await app.StopAsync();
    }
}
