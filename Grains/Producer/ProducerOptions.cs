namespace Orchestration.Grains.Producer;

/// <summary>How the Producer follows up (configuration section "Producer").</summary>
public sealed class ProducerOptions
{
    /// <summary>How often the follow-up reminder checks action items for due dates. Orleans reminders tick at most once a minute.</summary>
    public TimeSpan FollowUpPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many inbox-feed writes a second one studio may make. Stored messages are appended to external
    /// agents' feeds in runs, one write per agent with messages, and the next run waits for the budget the last one
    /// spent (64 agents at 64 a second: a second), so a busy studio writes each agent's feed once for all its messages
    /// since, rather than once for each, while a quiet one, or one with few agents, feeds at once. Messages are stored
    /// before the caller returns either way; this is how soon an external agent reads them.</summary>
    public int InboxFeedWritesPerSecond { get; set; } = 64;
}
