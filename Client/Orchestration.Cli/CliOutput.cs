using Orchestration.Grains.Interfaces.Briefings;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orchestration.Cli;

/// <summary>
/// How the CLI lays out text, with Spectre.Console: tables whose long cells wrap inside their column, trees for
/// nested records. On a terminal they take its width and draw borders; piped or redirected, they are plain text at a
/// wide fixed width (no colour, no box characters), so scripts and logs read them as columns.
/// </summary>
internal static class CliOutput
{
    private const int RedirectedWidth = 200;

    public static bool Interactive => !Console.IsOutputRedirected;

    /// <summary>The terminal's width, or a common one where the terminal does not say (0 under some pseudo-terminals).</summary>
    private static int TerminalWidth
    {
        get
        {
            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
            }
            catch (IOException)
            {
                return 120;
            }
        }
    }

    /// <summary>A table of <paramref name="rows"/>; "(none)" under the headers when there are none. Cells are inert
    /// text: markup, control characters and escapes from the studio's data are shown, never interpreted.</summary>
    public static string Table<T>(IEnumerable<T> rows, params (string Header, Func<T, object?> Cell)[] columns)
    {
        var table = new Table { Border = Interactive ? TableBorder.Rounded : TableBorder.None, ShowRowSeparators = false };
        foreach (var (header, _) in columns)
            table.AddColumn(new TableColumn(new Text(header)) { Padding = Interactive ? new Padding(1, 0) : new Padding(0, 0, 2, 0) });
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            table.AddRow(columns.Select(c => (IRenderable)new Text(MarkdownRenderer.Inert(c.Cell(row)?.ToString() ?? ""))));
        }

        var text = Render(table);
        return any ? text : text + Environment.NewLine + "(none)";
    }

    /// <summary>A tree: <paramref name="root"/> with its branches, each a line and the lines under it.</summary>
    public static string Tree(string root, IEnumerable<(string Line, IEnumerable<string> Under)> branches)
    {
        var tree = new Tree(new Text(MarkdownRenderer.Inert(root))) { Guide = Interactive ? TreeGuide.Line : TreeGuide.Ascii };
        foreach (var (line, under) in branches)
        {
            var node = tree.AddNode(new Text(MarkdownRenderer.Inert(line)));
            foreach (var leaf in under) node.AddNode(new Text(MarkdownRenderer.Inert(leaf)));
        }

        return Render(tree);
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar on standard error when that is a terminal (standard
    /// output stays the report's); redirected, it runs quietly. The work reports how far it is, of <paramref name="total"/>.</summary>
    public static async Task<T> WithProgress<T>(string name, double total, Func<Action<double, string>, Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            // No bar for a log or a pipe: one line once the work is under way (its first progress), so a reader knows.
            var started = 0;
            return await work((_, detail) =>
            {
                if (Interlocked.Exchange(ref started, 1) == 0) Console.Error.WriteLine($"{name}: under way ({detail})");
            });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(total, 1));
                var result = await work((done, detail) =>
                {
                    task.Value = done;
                    task.Description = Markup.Escape($"{name}: {detail}");
                });
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Anything Spectre renders, as text at the output's width.</summary>
    public static string Render(IRenderable renderable)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Interactive ? Math.Max(TerminalWidth, 80) : RedirectedWidth;
        console.Write(renderable);
        return string.Join(Environment.NewLine, writer.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r', ' ')));
    }
}
