using Orchestration.Grains.Interfaces.Briefings;

namespace Orchestration.Tests.Cluster.Portfolio;

/// <summary>Reports render stored text inert: a pipe cannot break a table, and an escape or direction control stored
/// before the boundary refused them cannot act in a terminal or reorder a line.</summary>
public class MarkdownRendererTests
{
    [Fact]
    public void Stored_text_cannot_break_a_table_or_act_when_shown()
    {
        var document = new ReportDocument("Weekly \u001b[2J sync", "studio", [
            new ReportSection("Risks", ["invoice \u202Efdp.exe"], new ReportTable(["id", "summary"], [["r-1", "a | b\nsecond line \u001b[31m"]])),
        ]);

        var markdown = MarkdownRenderer.Render(document);

        Assert.DoesNotContain('\u001b', markdown);
        Assert.DoesNotContain('\u202E', markdown);
        Assert.Contains("# Weekly \uFFFD[2J sync", markdown);
        Assert.Contains("| r-1 | a \\| b second line \uFFFD[31m |", markdown);
        Assert.Contains("invoice \uFFFDfdp.exe", markdown);
    }
}
