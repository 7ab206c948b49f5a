using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Agents;

namespace Orchestration.Silo.Studio;

/// <summary>Joins the configured hosted agents to the studio once the silo serves, so a dev silo comes up with its
/// Experiment Tracker and Project Shipper at work (samples/Walkthrough then plays the seed's workflows with them).</summary>
internal sealed partial class HostedAgentsStarter(
    IGrainFactory grains, IOptions<StudioOptions> options, IHostApplicationLifetime lifetime, ILogger<HostedAgentsStarter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var studio = options.Value;
        if (studio.HostedAgents.Count == 0) return;
        await WhenStarted(stoppingToken);
        foreach (var agent in studio.HostedAgents)
        {
            try
            {
                var joined = await grains.GetGrain<IAgentGrain>(GrainId.Create(agent.Kind, agent.Id)).Join(new JoinStudio(studio.Id, agent.DisplayName, agent.Capacity));
                LogStarted(agent.Id, agent.Kind, studio.Id, joined.Capacity);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e, agent.Id, agent.Kind); // a misconfigured agent is reported; the silo keeps serving
            }
        }
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hosted agent {AgentId} ({Kind}) works in studio '{StudioId}' with capacity {Capacity}")]
    private partial void LogStarted(string agentId, string kind, string studioId, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hosted agent {AgentId} ({Kind}) could not join")]
    private partial void LogFailed(Exception exception, string agentId, string kind);
}
