using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Identity;

/// <summary>The key the silos seal stream messages with (configuration <c>Orchestration:StreamSigningKey</c>).</summary>
public sealed class StreamSealOptions
{
    /// <summary>At least 32 random bytes, base64. Every silo of a cluster needs the same key; the Azure profile refuses to
    /// start without one. Unset in Development: a key made for this process (one process holds every silo there).</summary>
    public string? Key { get; set; }

    public const int MinimumKeyBytes = 32;

    internal static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(MinimumKeyBytes));
}

/// <summary>
/// Seals what the Producer puts on a stream — inbox messages, strategy broadcasts, studio events — with an HMAC over
/// the message's canonical form (its type name and its JSON without the seal and trace parent), and checks the seal
/// where a silo receives them. JSON rather than the wire format: the Orleans serializer writes a list's runtime type,
/// which a round trip changes, while JSON writes any list as an array. Anyone who can reach a stream provider can
/// publish on a stream; only a silo can seal, so a forged strategy at version 1,000,000 or an inbox message "from
/// producer" is recognised and ignored.
/// </summary>
public sealed class StreamSeal(IOptions<StreamSealOptions> options)
{
    private readonly byte[] _key = options.Value.Key is { Length: > 0 } key ? Convert.FromBase64String(key) : StreamSealOptions.ProcessKey.Value;

    public InboxMessage Sealed(InboxMessage message) => message with { Seal = Compute(message with { Seal = null, TraceParent = null }) };

    public StrategyBroadcast Sealed(StrategyBroadcast broadcast) => broadcast with { Seal = Compute(broadcast with { Seal = null }) };

    public StudioEvent Sealed(StudioEvent studioEvent) => studioEvent with { Seal = Compute(studioEvent with { Seal = null }) };

    public bool IsSealed(InboxMessage message) => Matches(message.Seal, message with { Seal = null, TraceParent = null });

    public bool IsSealed(StrategyBroadcast broadcast) => Matches(broadcast.Seal, broadcast with { Seal = null });

    public bool IsSealed(StudioEvent studioEvent) => Matches(studioEvent.Seal, studioEvent with { Seal = null });

    private bool Matches(string? seal, object unsealed)
    {
        if (seal is null) return false;
        Span<byte> given = stackalloc byte[32];
        return Convert.TryFromBase64String(seal, given, out var written) && written == 32
            && CryptographicOperations.FixedTimeEquals(given, Mac(unsealed));
    }

    private string Compute(object unsealed) => Convert.ToBase64String(Mac(unsealed));

    private byte[] Mac(object unsealed)
    {
        var type = unsealed.GetType();
        var canonical = System.Text.Encoding.UTF8.GetBytes(type.FullName + "\n" + System.Text.Json.JsonSerializer.Serialize(unsealed, type));
        return HMACSHA256.HashData(_key, canonical);
    }
}
