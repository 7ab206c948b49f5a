using System.Net;
using System.Text;

namespace Orchestration.Notifications.Delivery;

/// <summary>The HTML part of an email, from the Markdown the briefings and alerts are written in: headings, bullet
/// lists, tables and paragraphs, every character of the text escaped.</summary>
public static class MarkdownHtml
{
    public static string Render(string title, string markdown)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title></head><body>");
        var list = false;
        var table = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (list && !line.StartsWith("- ", StringComparison.Ordinal)) { html.Append("</ul>"); list = false; }
            if (table && !line.StartsWith('|')) { html.Append("</table>"); table = false; }
            if (line.StartsWith("## ", StringComparison.Ordinal)) html.Append("<h2>").Append(Encode(line[3..])).Append("</h2>");
            else if (line.StartsWith("# ", StringComparison.Ordinal)) html.Append("<h1>").Append(Encode(line[2..])).Append("</h1>");
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (!list) { html.Append("<ul>"); list = true; }
                html.Append("<li>").Append(Encode(line[2..])).Append("</li>");
            }
            else if (line.StartsWith('|'))
            {
                var cells = line.Trim('|').Split(" | ");
                if (cells.All(c => c.Trim().All(ch => ch is '-' or '|'))) continue; // the header's underline
                html.Append(table ? "<tr>" : "<table border=\"1\" cellpadding=\"4\"><tr>");
                var tag = table ? "td" : "th";
                foreach (var cell in cells) html.Append('<').Append(tag).Append('>').Append(Encode(cell.Trim())).Append("</").Append(tag).Append('>');
                html.Append("</tr>");
                table = true;
            }
            else if (line.Length > 0) html.Append("<p>").Append(Encode(line)).Append("</p>");
        }

        if (list) html.Append("</ul>");
        if (table) html.Append("</table>");
        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
