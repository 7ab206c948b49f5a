namespace Orchestration.Grains.Interfaces.Briefings;

/// <summary>A table of a report: headers and rows of text.</summary>
public sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One agenda item or part of a report.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<string> Lines, ReportTable? Table = null);

/// <summary>A report as structure, so Markdown and JSON carry exactly the same sections.</summary>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<ReportSection> Sections);
