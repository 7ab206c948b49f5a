using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.Silo.Hosting;
using Orchestration.Silo.Studio;

// The silo host, top to bottom: configuration, the Orleans silo for the chosen profile, then what it shows.
// appsettings.json ships beside the binary, so the silo reads it whatever directory it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.UseOrchestrationSilo();

builder.Services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section);
builder.Services.AddHostedService<StudioEventLog>();
builder.Services.AddHostedService<WalkthroughRunner>();

await builder.Build().RunAsync();
