using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.Client;
using Orchestration.Client.Hosting;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Silo.Hosting;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Studio;

/// <summary>The design card's future agents join a running deployment by configuration, not by a new silo build.</summary>
public class ConfiguredAgentKindTests
{
    [Fact]
    public async Task An_external_kind_named_in_configuration_can_join_and_an_unnamed_one_cannot()
    {
        await using var silo = await SiloProcess.StartAsync("--Orchestration:ExternalAgentKinds:0=design-reviewer");
        var host = Host.CreateApplicationBuilder();
        host.UseOrleansClient(client => client.UseOrchestrationDevelopment(silo.GatewayPort).AsTestRoot());
        using var app = host.Build();
        await app.StartAsync();
        var studio = new StudioClient(app.Services.GetRequiredService<IClusterClient>(), "design-studio");

        var receipt = await studio.RegisterExternalAgentAsync("reviewer-1", "design-reviewer", "Design reviewer", 3);

        Assert.Equal("design-reviewer", receipt.Agent.Kind);
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => studio.RegisterExternalAgentAsync("poet-1", "poet", "Poet", 1));
        Assert.Equal("registration.kind", refused.Field);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Design Reviewer", "is not a kind name")]
    [InlineData("", "is not a kind name")]
    public void A_kind_that_is_not_a_kind_name_stops_the_silo_before_it_starts(string kind, string reason)
    {
        var options = new OrchestrationSiloOptions { ExternalAgentKinds = [kind] };
        Assert.Contains(reason, Assert.Throws<InvalidOperationException>(options.Validate).Message);
        Assert.Contains("lists a kind more than once",
            Assert.Throws<InvalidOperationException>(new OrchestrationSiloOptions { ExternalAgentKinds = ["a-b", "a-b"] }.Validate).Message);
    }
}
