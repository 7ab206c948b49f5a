using Orchestration.WebConsole;
using Orchestration.Gateway;
using Orchestration.Silo.Hosting;
using Orchestration.Silo.Studio;
using Orleans.Dashboard;

// The silo host, top to bottom: configuration, the Orleans silo for the chosen profile, telemetry and health,
// what the dev silo shows, and the HTTP endpoints: health and metrics, the gateway for agents (HTTP API, OpenAPI at
// /openapi/v1.json, its reference at /api, MCP) and the web console for people (at /). appsettings.json ships beside the binary, so the silo reads it
// whatever directory it is started from.
if (args is ["health", ..]) return await SiloHealthCheck.RunAsync(args[1..]); // the container's HEALTHCHECK

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// Leave the cluster gracefully on SIGTERM: deactivations and membership within 55 s (a Kubernetes pod gets 60).
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(55));
var options = builder.Configuration.SiloOptions();
builder.WebHost.UseUrls(options.HttpUrl);

builder.UseOrchestrationSilo();
builder.AddOrchestrationTelemetry();
builder.Services.AddOrchestrationGateway();
builder.Services.AddOrchestrationConsole();
builder.Services.Configure<ConsoleOptions>(console =>
{
    console.DefaultStudio = builder.Configuration[$"{StudioOptions.Section}:Id"] ?? console.DefaultStudio;
    // On a dev machine the console's visitor is the local operator, as the CLI is; everywhere else people sign in.
    if (options.Profile == SiloProfiles.Development && (options.RootKey ?? DevelopmentRoot.KeyFor(options)) is { } root)
        console.LocalCredential = Orchestration.Grains.Interfaces.Identity.OrchestrationIdentity.RootPrefix + root;
});

builder.Services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section);
builder.Services.AddHostedService<StudioEventLog>();
if (options.Profile == SiloProfiles.Development) builder.Services.AddHostedService<HostedAgentsStarter>(); // the dev silo's agents at work

var app = builder.Build();
if (DevelopmentRoot.Writes(options))
{
    // The CLI and the samples find it there; a silo with Orchestration:RootKey configured writes nothing.
    if (DevelopmentRoot.Write())
        app.Logger.LogInformation("Development root credential written to {File} (the CLI and the samples use it)", Orchestration.Grains.Interfaces.Identity.OrchestrationIdentity.DevelopmentCredentialFile);
    else
        app.Logger.LogWarning("No home folder to write the development root credential to: the CLI and the samples need --credential");
}

app.MapOrchestrationEndpoints();
app.MapOrchestrationGateway();
app.MapOrchestrationConsole();
var dashboard = options.Dashboard ?? options.Profile == SiloProfiles.Development;
if (dashboard) app.MapOrleansDashboard("/dashboard").ExcludeFromDescription();
app.Lifetime.ApplicationStarted.Register(() => ServedUrls.Log(app, options.HttpUrl, dashboard));

await app.RunAsync();
return 0;
