using System.CommandLine;
using System.Threading.Channels;

namespace Orchestration.Cli.Commands;

internal static class WatchCommands
{
    private static readonly Option<int> Count = new("--count") { Description = "Stop after this many messages (0: until Ctrl+C)" };

    public static Command Inbox()
    {
        var agentId = new Argument<string>("agent-id") { Description = "Agent whose inbox to follow" };
        var command = new Command("inbox", "Follow what the Producer sends one agent") { agentId, Count };
        command.SetAction((parse, ct) => CliContext.Run(parse, ct, studio =>
            Follow(parse, ct, onLine => studio.WatchInboxAsync(parse.GetValue(agentId)!, m => onLine($"{m.SentAt:u}  {m.GetType().Name,-20} {m.Summary}")))));
        return command;
    }

    public static Command Events()
    {
        var command = new Command("events", "Follow the studio's event stream") { Count };
        command.SetAction((parse, ct) => CliContext.Run(parse, ct, studio =>
            Follow(parse, ct, onLine => studio.WatchEventsAsync(e => onLine($"#{e.Sequence,-5} {e.At:u}  {e.GetType().Name,-18} {e.Summary}")))));
        return command;
    }

    private static async Task Follow(ParseResult parse, CancellationToken cancellationToken, Func<Func<string, Task>, Task<IAsyncDisposable>> subscribe)
    {
        var lines = Channel.CreateUnbounded<string>();
        await using var subscription = await subscribe(line => lines.Writer.WriteAsync(line).AsTask());
        Console.Error.WriteLine("following; Ctrl+C to stop");
        var limit = parse.GetValue(Count);
        for (var seen = 0; limit == 0 || seen < limit; seen++)
        {
            string line;
            try { line = await lines.Reader.ReadAsync(cancellationToken); }
            catch (OperationCanceledException) { return; }
            Console.WriteLine(line);
        }
    }
}
