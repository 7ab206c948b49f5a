using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Interfaces.Cluster;
using Orchestration.ServiceDefaults;
using Orchestration.Walkthrough;

// Plays the seed's workflows against a running dev silo (`dotnet run --project Silo`), the way an agent service
// would: an Orleans client, the shared service defaults, and the typed StudioClient.
//   dotnet run --project samples/Walkthrough [-- --studio NAME --gateway 30000]   (as the CLI names them; run it as often as you like)
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--studio"] = "Studio", ["--gateway"] = "GatewayPort", ["--gateway-port"] = "GatewayPort" });
builder.AddOrchestrationServiceDefaults("orchestration-walkthrough");
// Quiet by default: the story, one line a step, and only the warnings and errors of everything else.
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orchestration.Walkthrough", LogLevel.Information)
    .AddSimpleConsole(console => console.SingleLine = true);
var gatewayPort = builder.Configuration.GetValue("GatewayPort", OrchestrationCluster.DefaultGatewayPort);
builder.UseOrleansClient(client => client.UseOrchestrationDevelopment(gatewayPort));

using var host = builder.Build();
await host.StartAsync();
var studioId = builder.Configuration["Studio"] ?? "default";
var walkthrough = new StudioWalkthrough(StudioClient.Create(host.Services, studioId),
    TimeProvider.System, host.Services.GetRequiredService<ILogger<StudioWalkthrough>>());
await walkthrough.RunAsync(CancellationToken.None);
await host.StopAsync();
