using System.Text;

namespace Orchestration.Client.Briefings;

public static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var text = new StringBuilder().Append("# ").AppendLine(document.Title).AppendLine().AppendLine(document.Subtitle);
        foreach (var section in document.Sections)
        {
            text.AppendLine().Append("## ").AppendLine(section.Heading).AppendLine();
            foreach (var line in section.Lines) text.AppendLine(line);
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

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
