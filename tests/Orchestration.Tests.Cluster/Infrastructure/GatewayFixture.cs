using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestration.Gateway;
using Orchestration.Grains.Interfaces.Identity;
using Orchestration.WebConsole;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// A two-silo cluster with the gateway and the web console in front of it on a real Kestrel port: tests call it over HTTP as an agent
/// in any language would. The gateway reaches the grains through the Orleans client, as a separate gateway host
/// would; in the silo's own web host it uses the silo's grain factory, through the same code. Every log line of
/// the gateway and the silos is captured, to check that no secret is ever written.
/// </summary>
public sealed class GatewayFixture : ClusterFixture
{
    /// <summary>Small enough for a test to exceed: a burst of 60 requests, 30 more each second, per credential.</summary>
    public const int Burst = 60;

    public LogCapture Logs { get; } = new();

    public WebApplication Web { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The studio that takes stakeholder requests by signed webhook, and the key its sender signs with.</summary>
    public string InboundStudio { get; } = Ids.New("inbound");

    public const string InboundSecret = "the CRM's shared inbound key";

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.AddSingleton<ILoggerProvider>(Logs);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var crm = await Client.GetGrain<ICredentialsGrain>(InboundStudio).Issue(new CredentialRequest("crm", CredentialRole.Stakeholder, "test-operator"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
        builder.Configuration["Gateway:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Gateway:PermitsPerSecond"] = "30";
        builder.Configuration[$"Gateway:Inbound:{InboundStudio}:Secret"] = InboundSecret;
        builder.Configuration[$"Gateway:Inbound:{InboundStudio}:Credential"] = crm.Token;
        builder.Services.AddSingleton<IGrainFactory>(Client);
        builder.Services.AddOrchestrationGateway();
        builder.Services.AddOrchestrationConsole(); // no local operator: people sign in, as on the Azure profile
        Web = builder.Build();
        Web.MapOrchestrationGateway();
        Web.MapOrchestrationConsole();
        await Web.StartAsync();
        BaseAddress = new Uri(Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public override async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A credential of the studio, as an operator issues it with the CLI.</summary>
    public async Task<HttpAgent> Credential(string studioId, string subject, CredentialRole role)
    {
        var issued = await Client.GetGrain<ICredentialsGrain>(studioId).Issue(new CredentialRequest(subject, role, "test-operator"));
        return new HttpAgent(BaseAddress, studioId, issued);
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
