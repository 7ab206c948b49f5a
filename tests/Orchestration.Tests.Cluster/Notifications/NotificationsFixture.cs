using Microsoft.Extensions.DependencyInjection;
using Orchestration.Notifications;
using Orchestration.Tests.Cluster.Infrastructure;

namespace Orchestration.Tests.Cluster.Notifications;

/// <summary>A cluster whose silos send for real: email to an SMTP server the tests run, webhooks to a local receiver.
/// Retries wait minutes of studio time (the tests move the clock), and a message is dead-lettered at its third failure.</summary>
public sealed class NotificationsFixture : ClusterFixture
{
    public const string Secret = "a webhook key the receiver shares";
    public const int MaxAttempts = 3;

    public MailServer Mail { get; } = new();

    public WebhookReceiver Receiver { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddOrchestrationNotifications();
        silo.Services.Configure<NotificationOptions>(o =>
        {
            (o.Smtp.Host, o.Smtp.Port, o.Smtp.Security, o.Smtp.From) = ("127.0.0.1", Mail.Port, "None", "Studio Producer <producer@studio.test>");
            o.Secrets["hooks"] = Secret;
            o.MaxAttempts = MaxAttempts;
            o.FirstRetryAfter = TimeSpan.FromMinutes(1);
            o.LongestRetryWait = TimeSpan.FromMinutes(10);
            o.ConsoleUrl = "https://studio.test";
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
        Receiver.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>
{
    public const string Name = "notifications";
}
