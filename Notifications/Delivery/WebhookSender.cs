using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications.Delivery;

/// <summary>
/// Webhooks: a JSON POST signed with HMAC-SHA256 (<see cref="WebhookSignature"/>), or a Slack-compatible payload
/// (<c>text</c> and one Markdown section block), signed the same way when the subscription names a key. Any answer
/// but 2xx is a failed attempt.
/// </summary>
public sealed class WebhookSender(IOptions<NotificationOptions> options) : INotificationSender, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    public bool Handles(NotificationChannel channel) => channel is NotificationChannel.Webhook or NotificationChannel.Slack;

    public async Task SendAsync(string studioId, Subscription subscription, OutboxMessage message, CancellationToken cancellationToken)
    {
        var body = message.Channel == NotificationChannel.Slack
            ? JsonSerializer.Serialize(new { text = message.Subject, blocks = new object[] { new { type = "section", text = new { type = "mrkdwn", text = Truncate(message.Text, 2900) } } } }, Json)
            : JsonSerializer.Serialize(new
            {
                key = message.Key, studio = studioId, subscription = subscription.SubscriptionId, group = subscription.Group,
                subject = message.Subject, text = message.Text, cause = message.Cause, owedSince = message.OwedSince,
            }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.To[0]) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdempotencyHeader, message.Key);
        if (subscription.Secret is { } name)
        {
            var secret = options.Value.Secrets.GetValueOrDefault(name) ?? throw new InvalidOperationException($"no key '{name}' in Notifications:Secrets");
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(); // the receiver checks it against its own clock
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Encoding.UTF8.GetBytes(secret), timestamp, body));
        }

        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Orchestration", "1"));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    public void Dispose() => _http.Dispose();
}
