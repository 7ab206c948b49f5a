using Orchestration.Gateway;
using Orchestration.Silo.Hosting;
using Orchestration.Silo.Studio;
using Orleans.Dashboard;

// The silo host, top to bottom: configuration, the Orleans silo for the chosen profile, telemetry and health,
// what the dev silo shows, and the HTTP endpoints: health and metrics, and the gateway for agents and people
// (HTTP API, OpenAPI at /openapi/v1.json, its reference at /api). appsettings.json ships beside the binary, so the silo reads it
// whatever directory it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = builder.Configuration.SiloOptions();
builder.WebHost.UseUrls(options.HttpUrl);

builder.UseOrchestrationSilo();
builder.AddOrchestrationTelemetry();
builder.Services.AddOrchestrationGateway();

builder.Services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section);
builder.Services.AddHostedService<StudioEventLog>();
if (options.Profile == SiloProfiles.Development) builder.Services.AddHostedService<HostedAgentsStarter>(); // the dev silo's agents at work

var app = builder.Build();
if (DevelopmentRoot.Writes(options))
{
    // The CLI and the samples find it there; a silo with Orchestration:RootKey configured writes nothing.
    DevelopmentRoot.Write();
    app.Logger.LogInformation("Development root credential written to {File} (the CLI and the samples use it)", Orchestration.Grains.Interfaces.Identity.OrchestrationIdentity.DevelopmentCredentialFile);
}

app.MapOrchestrationEndpoints();
app.MapOrchestrationGateway();
if (options.Dashboard ?? options.Profile == SiloProfiles.Development) app.MapOrleansDashboard("/dashboard");

await app.RunAsync();
