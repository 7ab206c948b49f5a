using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Orchestration.WebConsole.Studio;
using Orchestration.Grains.Interfaces.Journal;

namespace Orchestration.WebConsole.Live;

/// <summary>
/// The studio page's live feed: the studio's journal after the last event the page shows, as Server-Sent Events,
/// read as the signed-in person. The journal, not the event stream: it holds every event once, in order, so a page
/// that reconnects (<c>Last-Event-ID</c>) misses nothing and shows nothing twice.
/// </summary>
internal static class LiveFeed
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static void Map(WebApplication app) =>
        app.MapGet("/studios/{studio}/live", Stream).ExcludeFromDescription();

    private static async Task Stream(HttpContext context, string studio, long? after)
    {
        var console = context.RequestServices.GetRequiredService<ConsoleStudio>();
        var clock = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var next = long.TryParse(context.Request.Headers["Last-Event-ID"], out var resumed) ? resumed : after ?? 0;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no"; // a proxy in front passes each event on at once
        await context.Response.Body.FlushAsync(context.RequestAborted);

        var stop = context.RequestAborted;
        while (!stop.IsCancellationRequested)
        {
            var page = await console.Call(g => g.GetGrain<IStudioJournalGrain>(studio).Read(new JournalQuery(next, 100)));
            foreach (var e in page.Events)
            {
                var row = JsonSerializer.Serialize(new { sequence = e.Sequence, at = e.At, type = e.GetType().Name, summary = e.Summary });
                await context.Response.WriteAsync($"id: {e.Sequence}\ndata: {row}\n\n", stop);
            }

            await context.Response.Body.FlushAsync(stop);
            next = page.Next;
            if (page.AtEnd)
            {
                try
                {
                    await Task.Delay(Poll, clock, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
