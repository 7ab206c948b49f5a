using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orchestration.Grains.Interfaces.Notifications;

/// <summary>
/// How the studio signs a webhook, and how a receiver checks it. The studio sends the headers
/// <see cref="TimestampHeader"/> (Unix seconds) and <see cref="SignatureHeader"/> (<c>v1=</c> and the lowercase hex
/// HMAC-SHA256, keyed with the shared secret, of <c>{timestamp}.{body}</c>, the body as sent, UTF-8). A receiver
/// recomputes it, compares in constant time, and refuses a timestamp outside its replay window (5 minutes here);
/// <see cref="IdempotencyHeader"/> lets it drop a repeat.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "Orchestration-Timestamp";
    public const string SignatureHeader = "Orchestration-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Sign(byte[] secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="signature"/> is the studio's for this body and timestamp, and the timestamp
    /// is within <see cref="ReplayWindow"/> of <paramref name="now"/>.</summary>
    public static bool Verify(byte[] secret, string? timestamp, string body, string? signature, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > ReplayWindow) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
    }
}
