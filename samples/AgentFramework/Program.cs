using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenAI;
using Orchestration.AgentFrameworkSample;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Interfaces.Cluster;
using Orchestration.ServiceDefaults;

// An Agent Framework agent joins a running silo as an external Experiment Tracker and lets a model react to its inbox.
//   export Orchestration__Credential=<the agent's credential>     (orchestration credentials issue tracker-ai --role agent)
//   export OPENAI_API_KEY=...                                      (any OpenAI-compatible endpoint: --endpoint, --model)
//   dotnet run --project samples/AgentFramework -- --agent tracker-ai [--studio default --gateway 30000 --endpoint URL --model NAME]
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--studio"] = "Studio", ["--gateway"] = "GatewayPort", ["--agent"] = "Agent", ["--endpoint"] = "Model:Endpoint", ["--model"] = "Model:Name",
});
builder.AddOrchestrationServiceDefaults("orchestration-agent-framework-sample");
builder.UseOrleansClient(client => client.UseOrchestrationDevelopment(builder.Configuration.GetValue("GatewayPort", OrchestrationCluster.DefaultGatewayPort)));

var endpoint = new Uri(builder.Configuration["Model:Endpoint"] ?? "https://api.openai.com/v1");
var key = builder.Configuration["OPENAI_API_KEY"] ?? throw new InvalidOperationException("set OPENAI_API_KEY (any value for a local endpoint that needs none)");
var model = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = endpoint })
    .GetChatClient(builder.Configuration["Model:Name"] ?? "gpt-4.1-mini").AsIChatClient()
    .AsBuilder().UseOpenTelemetry(sourceName: "Orchestration").Build();

using var host = builder.Build();
await host.StartAsync();
var tracker = new FrameworkTracker(StudioClient.Create(host.Services, builder.Configuration["Studio"] ?? "default"),
    builder.Configuration["Agent"] ?? "tracker-ai", model, host.Services.GetRequiredService<ILogger<FrameworkTracker>>());
await tracker.RunAsync(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
await host.StopAsync();
