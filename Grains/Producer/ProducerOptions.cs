namespace Orchestration.Grains.Producer;

/// <summary>How the Producer follows up (configuration section "Producer").</summary>
public sealed class ProducerOptions
{
    /// <summary>How often the follow-up reminder checks action items for due dates. Orleans reminders tick at most once a minute.</summary>
    public TimeSpan FollowUpPeriod { get; set; } = TimeSpan.FromHours(1);
}
