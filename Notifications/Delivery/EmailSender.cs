using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Notifications.Delivery;

/// <summary>Email over SMTP (MailKit): a multipart/alternative message with the plain-text (Markdown) and an HTML part,
/// the idempotency key in its Message-ID and an <c>Idempotency-Key</c> header.</summary>
public sealed class EmailSender(IOptions<NotificationOptions> options) : INotificationSender
{
    public bool Handles(NotificationChannel channel) => channel == NotificationChannel.Email;

    public async Task SendAsync(string studioId, Subscription subscription, OutboxMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) throw new InvalidOperationException("no SMTP server is configured (Notifications:Smtp:Host)");

        var mail = new MimeMessage { Subject = message.Subject, MessageId = MessageId(message.Key) };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var to in message.To) mail.To.Add(MailboxAddress.Parse(to));
        mail.Headers.Add(WebhookSignature.IdempotencyHeader, message.Key);
        mail.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = MarkdownHtml.Render(message.Subject, message.Text) }.ToMessageBody();

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>A Message-ID from the key: the same message always has the same id, so a mail system drops a repeat.</summary>
    internal static string MessageId(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32] + "@orchestration";
}
