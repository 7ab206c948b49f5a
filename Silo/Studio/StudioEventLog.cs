using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Client;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Silo.Studio;

/// <summary>Writes the studio's event stream to the log: what an operator watching a dev silo sees happen.</summary>
internal sealed partial class StudioEventLog(IClusterClient client, IOptions<StudioOptions> options, ILogger<StudioEventLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.LogEvents) return;
        var studio = new StudioClient(client, options.Value.Id);
        var logged = 0L;
        await using var subscription = await studio.WatchEventsAsync(e =>
        {
            // The stream delivers at least once and in order: an event re-delivered after a crash is skipped.
            if (e.Sequence <= logged) return Task.CompletedTask;
            logged = e.Sequence;
            LogEvent(e.StudioId, e.Sequence, e.GetType().Name, e.Summary);
            return Task.CompletedTask;
        });
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{StudioId} #{Sequence} {EventType}: {Summary}")]
    private partial void LogEvent(string studioId, long sequence, string eventType, string summary);
}
