using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Silo.Hosting;
using Orchestration.Silo.Studio;
using Orleans.Dashboard;

// The silo host, top to bottom: configuration, the Orleans silo for the chosen profile, telemetry and health,
// what the dev silo shows, and the HTTP endpoints. appsettings.json ships beside the binary, so the silo reads it
// whatever directory it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = builder.Configuration.SiloOptions();
builder.WebHost.UseUrls(options.HttpUrl);

builder.UseOrchestrationSilo();
builder.AddOrchestrationTelemetry();

builder.Services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section);
builder.Services.AddHostedService<StudioEventLog>();
builder.Services.AddHostedService<WalkthroughRunner>();

var app = builder.Build();
app.MapOrchestrationEndpoints();
if (options.Dashboard ?? options.Profile == SiloProfiles.Development) app.MapOrleansDashboard("/dashboard");

await app.RunAsync();
