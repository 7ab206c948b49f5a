namespace Orchestration.Grains.Interfaces.Common;

/// <summary>
/// Which characters act rather than read once text is echoed into a log, a terminal or a report: control characters
/// (an ANSI escape sequence starts with one) and Unicode direction controls (which reorder what a reader sees). The
/// grains refuse them at their boundary and the renderers neutralise them; clients can check the same rule first.
/// </summary>
public static class PrintableText
{
    /// <param name="lineBreaks">Whether line breaks and tabs are allowed (free text: yes; a one-line label: no).</param>
    public static bool Acts(char c, bool lineBreaks) =>
        (char.IsControl(c) && !(lineBreaks && c is '\n' or '\r' or '\t')) || IsDirectionControl(c);

    /// <summary>
    /// The text made inert for a terminal or a log line: every control character (line breaks too: one refusal, one
    /// line), direction control and unpaired surrogate written as <c>\uXXXX</c>, the rest unchanged. What the grains
    /// echo back — a refused value in a reason, a key in a log — goes through here.
    /// </summary>
    public static string Inert(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++) clean = !ActsInLine(text, i);
        if (clean) return text;

        var inert = new System.Text.StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (ActsInLine(text, i)) inert.Append(System.FormattableString.Invariant($"\\u{(int)text[i]:X4}"));
            else inert.Append(text[i]);
        }

        return inert.ToString();
    }

    private static bool ActsInLine(string text, int i)
    {
        var c = text[i];
        if (char.IsControl(c) || IsDirectionControl(c)) return true;
        if (!char.IsSurrogate(c)) return false;
        return char.IsHighSurrogate(c) ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]) : i == 0 || !char.IsHighSurrogate(text[i - 1]);
    }

    public static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
