using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Journal;

namespace Orchestration.Tests.Unit.Journal;

public class JournalSegmentsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static StudioEvent Event(long sequence) =>
        new AgentJoined("studio-1", sequence, At, $"event {sequence}", new AgentProfile("a-1", AgentKinds.ExperimentTracker, "A", 1, AgentHosting.External, At));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(64, 0)]
    [InlineData(65, 1)]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    public void A_sequence_number_has_one_segment(long sequence, long index)
    {
        Assert.Equal(index, JournalSegments.IndexOf(sequence));
        Assert.InRange(sequence, JournalSegments.FirstOf(index), JournalSegments.LastOf(index));
    }

    [Fact]
    public void A_batch_is_cut_where_a_segment_ends()
    {
        var split = JournalSegments.Split([Event(63), Event(64), Event(65)]).ToList();

        Assert.Equal([0L, 1L], split.Select(s => s.Index));
        Assert.Equal([63L, 64L], split[0].Events.Select(e => e.Sequence));
        Assert.Equal([65L], split[1].Events.Select(e => e.Sequence));
    }

    [Fact]
    public void A_repeated_delivery_adds_only_what_is_missing()
    {
        var fresh = JournalSegments.NewEvents(0, [Event(1), Event(2)], [Event(1), Event(2), Event(3)]);

        Assert.Equal([3L], fresh.Select(e => e.Sequence));
        Assert.Empty(JournalSegments.NewEvents(0, [Event(1), Event(2)], [Event(2)]));
    }

    [Fact]
    public void A_gap_or_an_event_of_another_segment_is_a_bug_and_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => JournalSegments.NewEvents(0, [Event(1)], [Event(3)]));
        Assert.Throws<InvalidOperationException>(() => JournalSegments.NewEvents(1, [], [Event(66)]));
        Assert.Throws<InvalidOperationException>(() => JournalSegments.NewEvents(0, [], [Event(65)]));
    }

    [Fact]
    public void A_segment_key_names_its_studio_and_index()
    {
        Assert.Equal("studio.a:1/12", JournalSegments.Key("studio.a:1", 12));
        Assert.Equal(("studio.a:1", 12L), JournalSegments.Parse("studio.a:1/12"));
        Assert.Throws<ArgumentException>(() => JournalSegments.Parse("studio-1"));
        Assert.Throws<ArgumentException>(() => JournalSegments.Parse("studio-1/-3"));
    }

    [Fact]
    public void Kinds_are_the_event_type_names()
    {
        Assert.Contains(nameof(DecisionRecorded), JournalKinds.All);
        Assert.DoesNotContain(nameof(StudioEvent), JournalKinds.All);
    }
}
