using Microsoft.Extensions.Options;
using Orchestration.Grains.Identity;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;
using Orleans.Streams;

namespace Orchestration.Silo.Studio;

/// <summary>Writes the studio's event stream to the log: what an operator watching a dev silo sees happen.</summary>
internal sealed partial class StudioEventLog(IClusterClient client, IOptions<StudioOptions> options, StreamSeal seal, ILogger<StudioEventLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.LogEvents) return;
        var logged = 0L;
        var stream = client.GetStreamProvider(StudioStreams.Provider).GetStream<StudioEvent>(StudioStreams.Events(options.Value.Id));
        var subscription = await stream.SubscribeAsync((e, _) =>
        {
            // Only what a silo sealed is the studio's: an event a client forged onto the stream is reported, not logged as fact.
            if (!seal.IsSealed(e))
            {
                LogUnsealed(e.StudioId, e.GetType().Name, e.Sequence);
                return Task.CompletedTask;
            }

            // The stream delivers at least once and in order: an event re-delivered after a crash is skipped.
            if (e.Sequence <= logged) return Task.CompletedTask;
            logged = e.Sequence;
            LogEvent(e.StudioId, e.Sequence, e.GetType().Name, e.Summary);
            return Task.CompletedTask;
        });
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        await subscription.UnsubscribeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a {EventType} on studio {StudioId}'s event stream without a valid seal (#{Sequence}): not sent by a silo")]
    private partial void LogUnsealed(string studioId, string eventType, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "{StudioId} #{Sequence} {EventType}: {Summary}")]
    private partial void LogEvent(string studioId, long sequence, string eventType, string summary);
}
