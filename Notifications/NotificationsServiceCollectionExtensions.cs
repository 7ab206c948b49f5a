using Microsoft.Extensions.DependencyInjection;
using Orchestration.Notifications.Delivery;

namespace Orchestration.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The studio's notifications: options from the <c>Notifications</c> section (validated at start), and the
    /// email and webhook senders. A silo that does not call it sends nothing (its studios' notification grains have no
    /// sender, so every message would be retried and dead-lettered).</summary>
    public static IServiceCollection AddOrchestrationNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Notifications:MaxAttempts must be between 1 and 100")
            .Validate(o => o.FirstRetryAfter > TimeSpan.Zero && o.LongestRetryWait >= o.FirstRetryAfter, "Notifications:FirstRetryAfter must be positive and at most Notifications:LongestRetryWait")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero, "Notifications:AttemptTimeout must be positive")
            .Validate(o => o.Secrets.Values.All(v => v.Length >= 16), "every key in Notifications:Secrets must have at least 16 characters")
            .Validate(o => o.Smtp.Security is "Auto" or "None" or "StartTls" or "SslOnConnect", "Notifications:Smtp:Security must be Auto, None, StartTls or SslOnConnect")
            .ValidateOnStart();
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddSingleton<INotificationSender, WebhookSender>();
        return services;
    }
}
