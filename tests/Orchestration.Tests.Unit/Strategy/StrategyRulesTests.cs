using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Strategy;
using Orchestration.Grains.Strategy;

namespace Orchestration.Tests.Unit.Strategy;

public class StrategyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static StrategyChange Change(string id, int version, params string[] priorities) =>
        new(id, version, priorities, ["no friday releases"], "because", "ceo");

    private static StudioStrategy Published(StrategyChange change) =>
        ((StrategyOutcome.Publish)StrategyRules.Evaluate("s", change, [], Now)).Strategy;

    [Fact]
    public void Publishes_the_first_version_stamped_with_studio_and_time()
    {
        var strategy = Published(Change("m1", 1, "growth"));
        Assert.Equivalent(new StudioStrategy("s", 1, ["growth"], ["no friday releases"], "because", "ceo", Now, "m1"), strategy, strict: true);
    }

    [Fact]
    public void Versions_only_go_forward()
    {
        var history = new[] { Published(Change("m1", 1, "a")) with { Version = 3 } };

        Assert.IsType<StrategyOutcome.Publish>(StrategyRules.Evaluate("s", Change("m2", 4, "b"), history, Now));
        foreach (var version in new[] { 3, 2, 0, -1 })
        {
            var refused = Assert.Throws<InvalidRequestException>(() => StrategyRules.Evaluate("s", Change("m2", version, "b"), history, Now));
            Assert.Equal("change.version", refused.Field);
            Assert.Contains("current version is 3", refused.Reason);
        }
    }

    [Fact]
    public void A_retried_message_returns_what_it_published()
    {
        var first = Published(Change("m1", 1, "a"));
        var second = first with { Version = 2, MessageId = "m2" };

        var outcome = StrategyRules.Evaluate("s", Change("m1", 1, "a"), [first, second], Now.AddHours(1));

        Assert.Same(first, Assert.IsType<StrategyOutcome.AlreadyPublished>(outcome).Strategy);
    }

    [Theory]
    [InlineData("", "change.messageId")]
    [InlineData("m", "change.priorities")]
    public void Refuses_missing_fields(string messageId, string field) =>
        Assert.Equal(field, Assert.Throws<InvalidRequestException>(() => StrategyRules.Evaluate("s", Change(messageId, 1), [], Now)).Field);

    [Fact]
    public void Refuses_a_missing_rationale() =>
        Assert.Equal("change.rationale", Assert.Throws<InvalidRequestException>(() =>
            StrategyRules.Evaluate("s", Change("m", 1, "a") with { Rationale = "" }, [], Now)).Field);
}
