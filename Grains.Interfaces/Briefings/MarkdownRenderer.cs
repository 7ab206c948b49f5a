using System.Text;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Grains.Interfaces.Briefings;

public static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var text = new StringBuilder().Append("# ").AppendLine(Inert(document.Title)).AppendLine().AppendLine(Inert(document.Subtitle));
        foreach (var section in document.Sections)
        {
            text.AppendLine().Append("## ").AppendLine(Inert(section.Heading)).AppendLine();
            foreach (var line in section.Lines) text.AppendLine(Inert(line));
            if (section.Table is { } table)
            {
                if (section.Lines.Count > 0) text.AppendLine();
                text.Append("| ").Append(string.Join(" | ", table.Headers.Select(Cell))).AppendLine(" |");
                text.Append('|').Append(string.Concat(table.Headers.Select(_ => "---|"))).AppendLine();
                foreach (var row in table.Rows) text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).AppendLine(" |");
            }
        }

        return text.ToString();
    }

    private static string Cell(string value) => Inert(value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r\n", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal));

    /// <summary>
    /// Text as it may be shown: control characters (an ANSI escape would act in a terminal) and Unicode direction
    /// controls (which reorder what a reader sees) become U+FFFD. The studio refuses them at its boundary; this keeps a
    /// report safe even for text stored before it did.
    /// </summary>
    public static string Inert(string value)
    {
        if (!value.Any(c => PrintableText.Acts(c, lineBreaks: true))) return value;
        return string.Concat(value.Select(c => PrintableText.Acts(c, lineBreaks: true) ? '\uFFFD' : c));
    }
}
