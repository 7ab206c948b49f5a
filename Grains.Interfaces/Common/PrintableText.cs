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

    public static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
