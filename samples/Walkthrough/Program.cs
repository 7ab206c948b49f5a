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
//   dotnet run --project samples/Walkthrough [-- --studio NAME --gateway-port 30000]
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--studio"] = "Studio", ["--gateway-port"] = "GatewayPort" });
builder.AddOrchestrationServiceDefaults("orchestration-walkthrough");
var gatewayPort = builder.Configuration.GetValue("GatewayPort", OrchestrationCluster.DefaultGatewayPort);
builder.UseOrleansClient(client => client.UseOrchestrationDevelopment(gatewayPort));

using var host = builder.Build();
await host.StartAsync();
var studioId = builder.Configuration["Studio"] ?? "default";
var walkthrough = new StudioWalkthrough(StudioClient.Create(host.Services, studioId),
    TimeProvider.System, host.Services.GetRequiredService<ILogger<StudioWalkthrough>>());
await walkthrough.RunAsync(CancellationToken.None);
await host.StopAsync();
