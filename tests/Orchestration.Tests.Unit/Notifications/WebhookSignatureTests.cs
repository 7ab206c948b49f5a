using System.Text;
using CsCheck;
using Orchestration.Grains.Interfaces.Notifications;

namespace Orchestration.Tests.Unit.Notifications;

public class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_receiver_accepts_what_the_studio_signed_and_nothing_else()
    {
        Gen.Select(Gen.String[1, 400], Gen.Byte.Array[16, 64], Gen.Int[0, 399]).Sample((body, secret, at) =>
        {
            var timestamp = Now.ToUnixTimeSeconds();
            var signature = WebhookSignature.Sign(secret, timestamp, body);
            var stamp = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var tampered = body[..(at % body.Length)] + (char)(body[at % body.Length] ^ 1) + body[(at % body.Length + 1)..];
            var otherSecret = secret.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b).ToArray();
            return WebhookSignature.Verify(secret, stamp, body, signature, Now)
                   && !WebhookSignature.Verify(secret, stamp, tampered, signature, Now)
                   && !WebhookSignature.Verify(otherSecret, stamp, body, signature, Now)
                   && !WebhookSignature.Verify(secret, (timestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), body, signature, Now);
        }, iter: 500);
    }

    [Fact]
    public void A_signature_outside_the_replay_window_or_malformed_is_refused()
    {
        var secret = Encoding.UTF8.GetBytes("a shared secret of the receiver");
        var old = Now - WebhookSignature.ReplayWindow - TimeSpan.FromSeconds(1);
        var signature = WebhookSignature.Sign(secret, old.ToUnixTimeSeconds(), "{}");

        Assert.False(WebhookSignature.Verify(secret, old.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "{}", signature, Now));
        Assert.False(WebhookSignature.Verify(secret, "yesterday", "{}", signature, Now));
        Assert.False(WebhookSignature.Verify(secret, Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "{}", null, Now));
        // The documented recipe, by hand: v1= and the hex HMAC-SHA256 of "{timestamp}.{body}".
        Assert.Equal("v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("1700000000.{}"))),
            WebhookSignature.Sign(secret, 1_700_000_000, "{}"));
    }
}
