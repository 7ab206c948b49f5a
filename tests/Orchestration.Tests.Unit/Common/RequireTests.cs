using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Tests.Unit.Common;

public class RequireTests
{
    [Theory]
    [InlineData("tracker-1")]
    [InlineData("studio.eu:blue_2")]
    [InlineData("A")]
    public void Accepts_well_formed_ids(string id) => Assert.Equal(id, Require.Id(id, "agentId"));

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    [InlineData("has space", "is not a valid id")]
    [InlineData("-leading-dash", "is not a valid id")]
    [InlineData("slash/inside", "is not a valid id")]
    public void Refuses_malformed_ids_naming_the_field(string? id, string reason)
    {
        var refused = Assert.Throws<InvalidRequestException>(() => Require.Id(id, "registration.agentId"));
        Assert.Equal("registration.agentId", refused.Field);
        Assert.Contains(reason, refused.Reason);
        Assert.StartsWith("registration.agentId: ", refused.Message);
    }

    [Fact]
    public void Refuses_an_id_longer_than_the_limit()
    {
        Assert.Equal(new string('a', Limits.MaxIdLength), Require.Id(new string('a', Limits.MaxIdLength), "id"));
        var refused = Assert.Throws<InvalidRequestException>(() => Require.Id(new string('a', Limits.MaxIdLength + 1), "id"));
        Assert.Contains("at most 128", refused.Reason);
    }

    [Fact]
    public void Counts_text_in_utf8_bytes_against_4_KB()
    {
        Assert.Equal(4096, Require.Text(new string('x', 4096), "report.summary").Length);

        // 2,049 two-byte characters are 4,098 bytes: over the limit though under 4,096 characters.
        var refused = Assert.Throws<InvalidRequestException>(() => Require.Text(new string('é', 2049), "report.summary"));
        Assert.Equal("report.summary", refused.Field);
        Assert.Contains("4098 bytes", refused.Reason);
    }

    [Fact]
    public void Refuses_a_list_that_repeats_an_entry_ignoring_case()
    {
        var refused = Assert.Throws<InvalidRequestException>(() => Require.Labels(["growth", "Growth"], "change.priorities"));
        Assert.Equal("change.priorities", refused.Field);
        Assert.Contains("more than once", refused.Reason);
    }

    [Fact]
    public void Names_the_index_of_a_bad_list_entry()
    {
        var refused = Assert.Throws<InvalidRequestException>(() => Require.Labels(["ok", " "], "change.constraints"));
        Assert.Equal("change.constraints[1]", refused.Field);
    }

    [Fact]
    public void Refuses_an_undefined_enum_value() =>
        Assert.Equal("report.severity", Assert.Throws<InvalidRequestException>(() => Require.Defined((Severity)42, "report.severity")).Field);

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Refuses_a_number_outside_its_range(double value) =>
        Assert.Throws<InvalidRequestException>(() => Require.InRange(value, 0, 1, "report.likelihood"));

    [Fact]
    public void Refuses_dates_in_the_wrong_order()
    {
        Require.Ordered(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), "plan.plannedEnd", "start", "planned end");
        var refused = Assert.Throws<InvalidRequestException>(() =>
            Require.Ordered(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31), "plan.plannedEnd", "start", "planned end"));
        Assert.Equal("planned end 2026-01-31 is before start 2026-02-01", refused.Reason);
    }

    [Theory]
    [InlineData("agent-1", true)]
    [InlineData("studio.a:1_x", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("-leading", false)]
    [InlineData("a/b", false)]
    [InlineData(null, false)]
    public void IsId_agrees_with_Id(string? value, bool valid)
    {
        Assert.Equal(valid, Require.IsId(value));
        if (valid) Assert.Equal(value, Require.Id(value, "f"));
        else Assert.Throws<InvalidRequestException>(() => Require.Id(value, "f"));
        Assert.False(Require.IsId(new string('a', Limits.MaxIdLength + 1)));
    }

    [Theory]
    [InlineData("red \u001b[31mALERT\u001b[0m", "U+001B at position 4")]        // an ANSI escape sequence
    [InlineData("invoice \u202Efdp.exe", "direction control U+202E")]             // a right-to-left override
    [InlineData("isolated \u2067x\u2069", "direction control U+2067")]
    [InlineData("bell\u0007", "U+0007")]
    public void Text_that_would_act_rather_than_read_is_refused(string text, string reason)
    {
        Assert.Contains(reason, Assert.Throws<InvalidRequestException>(() => Require.Text(text, "report.summary")).Reason);
        Assert.Contains(reason, Assert.Throws<InvalidRequestException>(() => Require.Label(text, "agent.displayName")).Reason);
    }

    [Fact]
    public void An_unpaired_surrogate_is_not_text() =>
        Assert.Contains("unpaired surrogate at position 5", Assert.Throws<InvalidRequestException>(() => Require.Text("half " + '\uD800' + " a pair", "report.summary")).Reason);

    [Fact]
    public void Text_keeps_line_breaks_tabs_and_any_printable_script_while_a_label_is_one_line()
    {
        const string text = "Line one\r\n\tLine two: مرحبا, 你好, 👋";
        Assert.Equal(text, Require.Text(text, "report.summary"));
        Assert.Equal("مرحبا 👋", Require.Label("مرحبا 👋", "agent.displayName"));
        Assert.Contains("one line of printable text", Assert.Throws<InvalidRequestException>(() => Require.Label("two\nlines", "agent.displayName")).Reason);
    }
}
