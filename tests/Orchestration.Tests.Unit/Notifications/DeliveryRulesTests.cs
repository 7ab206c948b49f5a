using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Notifications;
using Orchestration.Notifications;
using Orchestration.Notifications.Composing;
using Orchestration.Notifications.Delivery;

namespace Orchestration.Tests.Unit.Notifications;

public class DeliveryRulesTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_up_to_its_cap_and_is_the_same_for_the_same_message()
    {
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var full = TimeSpan.FromTicks(Math.Min(Cap.Ticks, First.Ticks << (attempt - 1)));
            var delays = Enumerable.Range(0, 50).Select(i => Backoff.Delay(attempt, $"studio/sub/event-{i}", First, Cap)).ToList();
            Assert.All(delays, d => Assert.InRange(d, full / 2, full));
            Assert.True(delays.Distinct().Count() > 10, "keys spread the retries");
            Assert.Equal(Backoff.Delay(attempt, "k", First, Cap), Backoff.Delay(attempt, "k", First, Cap));
        }
    }

    [Fact]
    public void A_cadence_is_due_a_full_period_after_it_began_then_every_period_after_the_last_one()
    {
        var since = new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);
        var weekly = new Subscription("s", "engineering-leads", NotificationChannel.Email, ["lead@example.com"], "weekly-sync", 7);

        Assert.False(Cadence.IsDue(weekly, since, null, since.AddDays(6)));
        Assert.True(Cadence.IsDue(weekly, since, null, since.AddDays(7)));
        Assert.False(Cadence.IsDue(weekly, since, since.AddDays(30), since.AddDays(36)));
        Assert.Null(Cadence.NextDue(weekly with { Briefing = null, Alerts = [AlertKind.SlaBreach] }, since, null));
    }

    [Theory]
    [InlineData("to", "names no recipient")]
    [InlineData("to[0]", "is not an email address")]
    [InlineData("to[0]-url", "is not an http(s) URL")]
    [InlineData("briefing", "is not a briefing")]
    [InlineData("everyDays", "must be between 1 and 92")]
    [InlineData("nothing", "sends nothing")]
    [InlineData("secret", "no key 'missing' is configured")]
    [InlineData("unsigned", "a webhook is signed")]
    public void A_subscription_that_cannot_work_is_refused_naming_its_field(string fault, string reason)
    {
        var good = new Subscription("execs", "executive-team", NotificationChannel.Email, ["ceo@example.com"], "stakeholder-update", 14);
        var hook = new Subscription("ops", "war-room", NotificationChannel.Webhook, ["https://hooks.example.com/ops"], Alerts: [AlertKind.SlaBreach], Secret: "ops");
        var secrets = new Dictionary<string, string> { ["ops"] = "0123456789abcdef" };
        var bad = fault switch
        {
            "to" => good with { To = [] },
            "to[0]" => good with { To = ["not an address"] },
            "to[0]-url" => hook with { To = ["ftp://hooks.example.com"] },
            "briefing" => good with { Briefing = "gossip" },
            "everyDays" => good with { EveryDays = 0 },
            "nothing" => good with { Briefing = null, Alerts = [] },
            "secret" => hook with { Secret = "missing" },
            _ => hook with { Secret = null },
        };

        Assert.Equivalent(good with { Alerts = [] }, SubscriptionRules.Check(good, secrets), strict: true);
        SubscriptionRules.Check(hook, secrets);
        var refused = Assert.ThrowsAny<InvalidRequestException>(() => SubscriptionRules.Check(bad, secrets));
        Assert.StartsWith("subscription", refused.Field, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_part_escapes_every_character_of_the_text()
    {
        var html = MarkdownHtml.Render("T", "# Title <b>\n\n- one & two\n\n| A | B |\n|---|---|\n| <script> | x |");

        Assert.Contains("<h1>Title &lt;b&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one &amp; two</li>", html, StringComparison.Ordinal);
        Assert.Contains("<th>A</th><th>B</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
