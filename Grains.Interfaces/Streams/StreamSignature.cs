using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Interfaces.Streams;

/// <summary>
/// What a stream message's seal signs, and the seal's shape: <c>{key id}.{signature}</c>, an ECDSA P-256 signature
/// (SHA-256, IEEE P1363, base64url) over the message's canonical form — its type name and its JSON without the seal
/// (and an inbox message's trace parent, set per delivery). JSON rather than the wire format: the Orleans serializer
/// writes a list's runtime type, which a round trip changes. Fields at their default value are left out, so a message
/// that does not use a field added in a later contract still verifies on a client built against the earlier one.
/// </summary>
public static class StreamSignature
{
    private static readonly JsonSerializerOptions Canonical = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public static byte[] CanonicalForm(InboxMessage message) => Form(message with { Seal = null, TraceParent = null });

    public static byte[] CanonicalForm(StrategyBroadcast broadcast) => Form(broadcast with { Seal = null });

    public static byte[] CanonicalForm(StudioEvent studioEvent) => Form(studioEvent with { Seal = null });

    /// <summary>Names a public key in a seal: the first 8 characters of the base64url SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) => Base64Url.EncodeToString(SHA256.HashData(subjectPublicKeyInfo))[..8];

    public static string Seal(string keyId, ReadOnlySpan<byte> signature) => $"{keyId}.{Base64Url.EncodeToString(signature)}";

    /// <summary>Reads a seal; false for anything not shaped like one (never throws: seals come from anyone who can publish).</summary>
    public static bool TryRead(string? seal, out string keyId, out byte[] signature)
    {
        (keyId, signature) = ("", []);
        if (seal is not { Length: > 9 and < 200 } || seal[8] != '.') return false;
        try
        {
            signature = Base64Url.DecodeFromChars(seal.AsSpan(9));
        }
        catch (FormatException)
        {
            return false;
        }

        keyId = seal[..8];
        return signature.Length == 64;
    }

    private static byte[] Form(object unsealed)
    {
        var type = unsealed.GetType();
        return Encoding.UTF8.GetBytes(type.FullName + "\n" + JsonSerializer.Serialize(unsealed, type, Canonical));
    }
}
