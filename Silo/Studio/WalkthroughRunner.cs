using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Client;
using Orchestration.Client.Demo;

namespace Orchestration.Silo.Studio;

/// <summary>Plays <see cref="StudioWalkthrough"/> once the silo is serving, when configured to.</summary>
internal sealed partial class WalkthroughRunner(
    IClusterClient client, IOptions<StudioOptions> options, TimeProvider clock, ILoggerFactory loggers, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<WalkthroughRunner>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Walkthrough) return;
        await WhenStarted(lifetime, stoppingToken);
        try
        {
            var walkthrough = new StudioWalkthrough(new StudioClient(client, options.Value.Id), clock, loggers.CreateLogger<StudioWalkthrough>());
            await walkthrough.RunAsync(stoppingToken);
            LogDone(options.Value.Id);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(e); // a failed demo is reported, and the silo keeps serving
        }
    }

    private static Task WhenStarted(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Walkthrough done. Studio '{StudioId}' keeps serving: try `dotnet run --project Client/Orchestration.Cli -- status` in another terminal; Ctrl+C stops the silo.")]
    private partial void LogDone(string studioId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Walkthrough failed")]
    private partial void LogFailed(Exception exception);
}
