using System.CommandLine;
using System.Globalization;
using Orchestration.Client.Journal;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Cli.Commands;

/// <summary>The studio's history, read from its durable journal with paging.</summary>
internal static class JournalCommands
{
    private static readonly Option<long> After = new("--after") { Description = "Start after this event sequence number (0: the studio's first event)" };
    private static readonly Option<int> Limit = new("--limit") { Description = $"Events per page (1 to {JournalQuery.MaxLimit})", DefaultValueFactory = _ => 100 };

    public static Command Journal()
    {
        var kinds = new Option<string[]>("--kind") { Description = "Only events of this kind (e.g. DecisionRecorded); repeat for several", AllowMultipleArgumentsPerToken = true };
        var command = new Command("journal", "The studio's history: every event it produced, oldest first, a page at a time") { After, Limit, kinds };
        command.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var page = await studio.Journal.Read(new JournalQuery(parse.GetValue(After), parse.GetValue(Limit), parse.GetValue(kinds)));
            CliContext.Print(parse, page, p => CliContext.Table(p.Events,
                ("#", e => e.Sequence), ("AT", e => e.At.ToString("u")), ("KIND", e => e.GetType().Name), ("SUMMARY", e => e.Summary)) + Continuation(p));
        }));
        command.Subcommands.Add(Export());
        return command;
    }

    /// <summary><c>journal export</c>: the studio's journal, or a window of it, to a JSON Lines file (the input of <c>simulate replay</c>).</summary>
    private static Command Export()
    {
        var output = new Option<string>("--out") { Description = "The file to write (JSON Lines; - for standard output)", Required = true };
        var from = new Option<string>("--from") { Description = "Only events at or after this time (2026-10-01 or 2026-10-01T09:00:00Z)" };
        var to = new Option<string>("--to") { Description = "Only events before this time" };
        var command = new Command("export", "Write the studio's journal (all of it, or a window) to a file: a header, then one event per line") { output, from, to };
        command.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var (start, end) = (Time(parse.GetValue(from), "--from"), Time(parse.GetValue(to), "--to"));
            if (start is not null && end is not null && end <= start)
                throw new InvalidRequestException("--to", $"is {end:u}, not after --from ({start:u})");
            var path = parse.GetValue(output)!;
            await using var file = path == "-" ? null : new StreamWriter(path);
            var written = await JournalFile.WriteAsync(file ?? Console.Out, studio.StudioId, studio.ReadJournalAsync(cancellationToken: ct), DateTimeOffset.UtcNow, start, end, ct);
            if (path != "-") await Console.Error.WriteLineAsync($"exported {written} events of studio {studio.StudioId} to {path} (schema version {JournalFile.Version})");
        }));
        return command;
    }

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new InvalidRequestException(option, $"'{text}' is not a date or time (2026-10-01, or 2026-10-01T09:00:00Z)");
    }

    /// <summary><c>decisions history</c>: every decision ever recorded, from the journal.</summary>
    public static Command DecisionHistory()
    {
        var command = new Command("history", "Every decision ever recorded (overridden ones included), oldest first, a page at a time") { After, Limit };
        command.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var page = await studio.Journal.Read(new JournalQuery(parse.GetValue(After), parse.GetValue(Limit), [nameof(DecisionRecorded)]));
            CliContext.Print(parse, page, p => CliContext.Table(p.Events.OfType<DecisionRecorded>().Select(e => e.Decision),
                ("DECISION", d => d.DecisionId), ("CONFLICT", d => d.ConflictId), ("CHOSEN", d => d.ChosenOptionId), ("BY", d => d.DecidedBy),
                ("AT", d => d.DecidedAt.ToString("u")), ("VELOCITY", d => d.Velocity.ToString(@"d\.hh\:mm", CultureInfo.InvariantCulture)),
                ("RATIONALE", d => d.Rationale)) + Continuation(p));
        }));
        return command;
    }

    /// <summary>A capability's history from the journal: its events, oldest first, a page at a time.</summary>
    public static Command History(string description, params string[] kinds)
    {
        var command = new Command("history", description) { After, Limit };
        command.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var page = await studio.Journal.Read(new JournalQuery(parse.GetValue(After), parse.GetValue(Limit), kinds));
            CliContext.Print(parse, page, p => CliContext.Table(p.Events,
                ("#", e => e.Sequence), ("AT", e => e.At.ToString("u")), ("KIND", e => e.GetType().Name), ("SUMMARY", e => e.Summary)) + Continuation(p));
        }));
        return command;
    }

    private static string Continuation(JournalPage page) =>
        page.AtEnd ? "" : $"{Environment.NewLine}more: --after {page.Next}";
}
