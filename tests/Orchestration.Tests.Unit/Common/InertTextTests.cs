using CsCheck;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Tests.Unit.Common;

/// <summary>What a refusal echoes back (a refused value in its reason, a key in a log line) cannot act on a terminal:
/// control characters, direction overrides and unpaired surrogates are written out as <c>\uXXXX</c>.</summary>
public class InertTextTests
{
    [Theory]
    [InlineData("a\u001b[31mred", "a\\u001B[31mred")]
    [InlineData("nul\0here", "nul\\u0000here")]
    [InlineData("two\nlines", "two\\u000Alines")]
    [InlineData("evil\u202Etxt.exe", "evil\\u202Etxt.exe")]
    [InlineData("emoji \uD83D\uDE00 kept", "emoji \uD83D\uDE00 kept")]
    [InlineData("plain-text_1", "plain-text_1")]
    public void Writes_what_would_act_on_a_terminal_as_escapes(string text, string inert) => Assert.Equal(inert, PrintableText.Inert(text));

    [Fact]
    public void An_unpaired_surrogate_is_written_as_an_escape() // not InlineData: test discovery cannot carry one
    {
        Assert.Equal("half \\uD800 pair", PrintableText.Inert("half " + '\uD800' + " pair"));
        Assert.Equal("\\uDC00 first", PrintableText.Inert('\uDC00' + " first"));
    }

    [Fact]
    public void A_refusal_quoting_an_escape_sequence_prints_it_inert()
    {
        var refused = new InvalidRequestException("report.summary", "is 'x\u001b]0;pwned\u0007'");
        Assert.Equal("is 'x\\u001B]0;pwned\\u0007'", refused.Reason);
        Assert.Equal("report.summary: is 'x\\u001B]0;pwned\\u0007'", refused.Message);
    }

    [Fact]
    public void Inert_text_holds_nothing_that_acts_and_changes_clean_text_not_at_all() =>
        Gen.String[Gen.Char, 0, 40].Sample(text =>
        {
            var inert = PrintableText.Inert(text);
            for (var i = 0; i < inert.Length; i++)
            {
                var c = inert[i];
                Assert.False(char.IsControl(c) || PrintableText.IsDirectionControl(c), $"'{inert}' holds U+{(int)c:X4}");
                if (char.IsHighSurrogate(c)) Assert.True(i + 1 < inert.Length && char.IsLowSurrogate(inert[++i]), $"'{inert}' holds an unpaired surrogate");
                else Assert.False(char.IsLowSurrogate(c), $"'{inert}' holds an unpaired surrogate");
            }

            Assert.Equal(inert, PrintableText.Inert(inert)); // inert text is left as it is
        });
}
