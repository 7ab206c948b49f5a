using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using Orchestration.Grains.Agents;
using Orchestration.Grains.Telemetry;

namespace Orchestration.LlmAgents;

public static partial class LlmAgentsServiceCollectionExtensions
{
    /// <summary>The key the LLM agents' chat client is registered under (a host's own <see cref="IChatClient"/> stays its own).</summary>
    public const string ChatClientKey = "llm-agents";

    /// <summary>
    /// The <c>llm-agent</c> kind, when the <c>LlmAgents</c> section names a model: an OpenAI-compatible endpoint
    /// (<c>LlmAgents:Endpoint</c>, <c>LlmAgents:Model</c>, <c>LlmAgents:ApiKey</c>). With none, the kind is not
    /// registered and the silo says so at start. The options are validated at start either way.
    /// </summary>
    public static IServiceCollection AddOrchestrationLlmAgents(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions(services);
        services.AddHostedService<LlmAgentsAnnouncement>();
        var options = configuration.GetSection(LlmAgentOptions.Section).Get<LlmAgentOptions>() ?? new();
        if (!options.IsConfigured) return services;
        services.AddKeyedSingleton(ChatClientKey, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<LlmAgentOptions>>().Value;
            var client = new OpenAIClient(new ApiKeyCredential(o.ApiKey is { Length: > 0 } key ? key : "unused"), new OpenAIClientOptions { Endpoint = o.Endpoint });
            return Traced(client.GetChatClient(o.Model).AsIChatClient(), sp);
        });
        services.AddAgentKind<LlmAgentGrain>();
        return services;
    }

    /// <summary>The <c>llm-agent</c> kind with a chat client of the host's choosing (tests and the simulator give a
    /// scripted one; a host may give any <see cref="IChatClient"/>). Every model call is traced all the same.</summary>
    public static IServiceCollection AddLlmAgentKind(this IServiceCollection services, Func<IServiceProvider, IChatClient> chatClient, Action<LlmAgentOptions>? configure = null)
    {
        AddOptions(services);
        if (configure is not null) services.Configure(configure);
        services.AddKeyedSingleton(ChatClientKey, (sp, _) => Traced(chatClient(sp), sp));
        services.AddAgentKind<LlmAgentGrain>();
        return services;
    }

    /// <summary>Every model call as an OpenTelemetry GenAI <c>chat</c> span on the Orchestration source (prompts and
    /// answers are left out of the spans: they carry the studio's data).</summary>
    private static IChatClient Traced(IChatClient inner, IServiceProvider services) =>
        inner.AsBuilder().UseOpenTelemetry(services.GetService<ILoggerFactory>(), OrchestrationTelemetry.Name).Build(services);

    private static void AddOptions(IServiceCollection services)
    {
        services.AddOptions<LlmAgentOptions>().BindConfiguration(LlmAgentOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmAgentOptions>, LlmAgentOptionsValidator>());
    }

    /// <summary>Stops the host before it starts with every problem of the section named (the key, and why).</summary>
    private sealed class LlmAgentOptionsValidator : IValidateOptions<LlmAgentOptions>
    {
        public ValidateOptionsResult Validate(string? name, LlmAgentOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}

/// <summary>Says at start whether this silo hosts the <c>llm-agent</c> kind, and why not, or which model it talks to.</summary>
internal sealed partial class LlmAgentsAnnouncement(IOptions<LlmAgentOptions> options, AgentKindCatalog kinds, ILogger<LlmAgentsAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (kinds.IsHosted(Grains.Interfaces.Agents.AgentKinds.LlmAgent)) LogRegistered(logger, o.Model ?? "a model given in code", o.Endpoint?.GetLeftPart(UriPartial.Authority) ?? "-", o.MaxCallsPerMessage, o.MaxTokensPerMessage, o.Timeout);
        else LogNotRegistered(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM agents: kind 'llm-agent' registered, model {Model} at {Endpoint}; per message at most {Calls} function calls, {Tokens} tokens, {Timeout}")]
    private static partial void LogRegistered(ILogger logger, string model, string endpoint, int calls, long tokens, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM agents: kind 'llm-agent' not registered: no model configured (set LlmAgents:Endpoint and LlmAgents:Model, and LlmAgents:ApiKey if the endpoint needs one)")]
    private static partial void LogNotRegistered(ILogger logger);
}
