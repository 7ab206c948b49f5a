using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications;

/// <summary>
/// The <c>Notifications</c> section. Secrets (the SMTP password, webhook keys) are read from configuration — an
/// environment variable such as <c>Notifications__Secrets__ops-hook</c>, a secret store — and never written to the
/// journal, grain state or a log line; a subscription names its key.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Webhook signing keys by name (UTF-8 text, at least 16 characters).</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Subscriptions from configuration, each for one studio (default: <c>default</c>).</summary>
    public List<ConfiguredSubscription> Subscriptions { get; set; } = [];

    /// <summary>Attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LongestRetryWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt may take (an SMTP conversation, a webhook POST).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The web console's base URL, for links in alerts (e.g. <c>https://studio.example.com</c>).</summary>
    public string? ConsoleUrl { get; set; }

    /// <summary>False in the simulator, which runs <see cref="INotificationsGrain.Tick"/> on virtual time itself; true
    /// in a silo, where a reminder and timers do.</summary>
    public bool Timers { get; set; } = true;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), None, StartTls (required) or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Studio Producer <producer@localhost>";
}

/// <summary>A subscription as configuration writes it: what it leaves out comes from <see cref="StakeholderMatrix"/>.</summary>
public sealed class ConfiguredSubscription
{
    public string Studio { get; set; } = "default";

    public string? Id { get; set; }

    public string Group { get; set; } = "";

    public NotificationChannel? Channel { get; set; }

    public List<string> To { get; set; } = [];

    public string? Briefing { get; set; }

    public int? EveryDays { get; set; }

    public List<AlertKind>? Alerts { get; set; }

    public string? Secret { get; set; }

    public Subscription ToSubscription() => StakeholderMatrix.Subscription(Id ?? $"config-{Group}", Group, [.. To], Channel, Briefing, EveryDays, Alerts, Secret);
}
