using Orchestration.Client.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Tests.Unit.Contracts;

namespace Orchestration.Tests.Unit.Journal;

/// <summary>The journal file: every event type survives a write and a read, and a file this build cannot read is
/// refused with its line and the reason.</summary>
public class JournalFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static string Header(int version = JournalFile.Version, string format = JournalFile.Format) =>
        $$"""{"format":"{{format}}","version":{{version}},"studioId":"studio-1","exportedAt":"2026-11-27T09:00:00+00:00"}""";

    private static Task<(JournalFileHeader Header, IReadOnlyList<StudioEvent> Events)> Read(params string[] lines) =>
        JournalFile.ReadAsync(new StringReader(string.Join("\n", lines)), "q4.jsonl");

    [Fact]
    public async Task Every_event_type_is_written_and_read_back_equal_in_order()
    {
        var samples = ContractSamples.All().OfType<StudioEvent>().Select((e, i) => e with { Sequence = i + 1, Seal = "sealed on the stream" }).ToList();
        Assert.True(samples.Select(s => s.GetType()).Distinct().Count() >= 25, "a sample of every event type");

        var file = new StringWriter();
        var written = await JournalFile.WriteAsync(file, "studio-1", samples, Now);
        var (header, events) = await JournalFile.ReadAsync(new StringReader(file.ToString()), "q4.jsonl");

        Assert.Equal(samples.Count, written);
        Assert.Equal((JournalFile.Format, JournalFile.Version, "studio-1"), (header.Format, header.Version, header.StudioId));
        Assert.Equal(samples.Count, events.Count);
        for (var i = 0; i < samples.Count; i++)
            Assert.Equivalent(samples[i] with { Seal = null }, events[i], strict: true);
        Assert.StartsWith("{\"type\":", file.ToString().Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_keeps_the_events_from_its_start_up_to_its_end()
    {
        var samples = ContractSamples.All().OfType<StudioEvent>().Take(3).Select((e, i) => e with { Sequence = i + 1, At = Now.AddDays(i) }).ToList();
        var file = new StringWriter();
        Assert.Equal(1, await JournalFile.WriteAsync(file, "studio-1", samples, Now, from: Now.AddDays(1), to: Now.AddDays(2)));
        var (header, events) = await JournalFile.ReadAsync(new StringReader(file.ToString()), "q4.jsonl");
        Assert.Equal((Now.AddDays(1), Now.AddDays(2)), (header.From, header.To));
        Assert.Equal(2, Assert.Single(events).Sequence);
    }

    [Theory]
    [InlineData("{\"hello\":1}", 1, "not a studio journal")]
    [InlineData("not json", 1, "not a studio journal")]
    [InlineData("VERSION0", 1, "schema version 0 is older than any this build reads")]
    [InlineData("VERSION2", 1, "schema version 2 is newer than this build reads (1)")]
    [InlineData("HEADER\n{\"type\":\"MoonLanded\",\"sequence\":1}", 2, "'MoonLanded' is not an event this build knows")]
    [InlineData("HEADER\n{\"sequence\":1}", 2, "an event needs a \"type\"")]
    [InlineData("HEADER\n[1,2]", 2, "not a JSON object")]
    [InlineData("HEADER\n{\"type\":\"ProjectDeclared\",\"studioId\":\"studio-1\",\"sequence\":\"two\",\"at\":\"2026-11-27T09:00:00Z\"}", 2, "a ProjectDeclared that cannot be read")]
    [InlineData("HEADER\n{\"type\":5,\"studioId\":\"studio-1\",\"sequence\":1,\"at\":\"2026-11-27T09:00:00Z\"}", 2, "\"type\" must be the event's name, a string")]
    [InlineData("HEADER\n{\"type\":\"ProjectDeclared\",\"studioId\":\"studio-1\",\"sequence\":1,\"summary\":\"x\",\"projectId\":\"p\",\"name\":\"P\"}", 2, "a ProjectDeclared needs \"at\" (when it happened)")]
    [InlineData("HEADER\n{\"type\":\"ProjectDeclared\",\"studioId\":\"studio-1\",\"sequence\":1,\"at\":\"2026-11-27T09:00:00Z\",\"summary\":\"x\",\"projectId\":\"p\"}", 2, "a ProjectDeclared that cannot be read")]
    [InlineData("HEADER\n{\"type\":\"ProjectDeclared\",\"studioId\":\"studio-2\",\"sequence\":1,\"at\":\"2026-11-27T09:00:00Z\",\"summary\":\"x\",\"projectId\":\"p\",\"name\":\"P\"}", 2, "an event of studio 'studio-2' in the journal of studio 'studio-1'")]
    [InlineData("HEADER\n{\"type\":\"ProjectDeclared\",\"studioId\":\"studio-1\",\"sequence\":2,\"at\":\"2026-11-27T09:00:00Z\",\"summary\":\"x\",\"projectId\":\"p\",\"name\":\"P\"}\n{\"type\":\"ProjectDeclared\",\"studioId\":\"studio-1\",\"sequence\":1,\"at\":\"2026-11-27T09:00:00Z\",\"summary\":\"x\",\"projectId\":\"p\",\"name\":\"P\"}", 3, "event #1 comes after #2")]
    public async Task A_file_this_build_cannot_read_is_refused_with_its_line_and_the_reason(string content, int line, string problem)
    {
        var text = content.Replace("VERSION0", Header(version: 0), StringComparison.Ordinal).Replace("VERSION2", Header(version: 2), StringComparison.Ordinal)
            .Replace("HEADER", Header(), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<JournalFileException>(() => Read(text.Split('\n')));
        Assert.Equal(line, refused.Line);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith($"q4.jsonl:{line}: ", refused.Message, StringComparison.Ordinal);
    }
}
