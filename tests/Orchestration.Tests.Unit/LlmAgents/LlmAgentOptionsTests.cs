using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.LlmAgents;

namespace Orchestration.Tests.Unit.LlmAgents;

/// <summary>A wrong LlmAgents section stops the silo before it starts, each problem named by its key.</summary>
public class LlmAgentOptionsTests
{
    [Fact]
    public void Every_problem_of_the_section_is_named_by_its_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmAgents:Endpoint"] = "http://localhost:11434/v1",
            ["LlmAgents:Functions:0"] = "launch_missiles",
            ["LlmAgents:MaxCallsPerMessage"] = "0",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddOrchestrationLlmAgents(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmAgentOptions>>().Value);

        Assert.Equal(
            ["LlmAgents:Model is required with LlmAgents:Endpoint",
             "LlmAgents:Functions: 'launch_missiles' is not one of: report_blocker, report_risk, declare_work_item, read_inbox, acknowledge_decision, respond_to_handoff, get_strategy, get_work_item, get_conflict",
             "LlmAgents:MaxCallsPerMessage must be between 1 and 100"],
            refused.Failures);
    }

    [Fact]
    public void Functions_named_in_configuration_are_the_only_ones_offered_and_unset_means_all()
    {
        static LlmAgentOptions Bound(Dictionary<string, string?> values)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddOrchestrationLlmAgents(configuration).BuildServiceProvider();
            return services.GetRequiredService<IOptions<LlmAgentOptions>>().Value;
        }

        Assert.Equal(["read_inbox", "acknowledge_decision"],
            Bound(new() { ["LlmAgents:Functions:0"] = "read_inbox", ["LlmAgents:Functions:1"] = "acknowledge_decision" }).AllowedFunctions);
        Assert.Equal(Orchestration.Functions.AgentFunctions.Names, Bound([]).AllowedFunctions);
    }
}
