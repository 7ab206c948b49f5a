using System.Buffers.Text;
using System.Text;

namespace Orchestration.Grains.Interfaces.Identity;

/// <summary>
/// A bearer token: <c>orch.{studio, base64url}.{credential id}.{secret}</c>. The studio and the credential id say where
/// to check it; only the secret (32 random bytes) is secret, and only its SHA-256 is stored.
/// </summary>
public readonly record struct CredentialToken(string StudioId, string CredentialId, string Secret)
{
    public const string Prefix = "orch";

    public override string ToString() =>
        $"{Prefix}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(StudioId))}.{CredentialId}.{Secret}";

    /// <summary>Reads a token; false for anything not shaped like one (never throws: tokens come from strangers).</summary>
    public static bool TryParse(string? text, out CredentialToken token)
    {
        token = default;
        if (string.IsNullOrEmpty(text) || text.Length > 600) return false;
        var parts = text.Split('.');
        if (parts.Length != 4 || parts[0] != Prefix || parts[2].Length == 0 || parts[3].Length == 0) return false;
        try
        {
            var studio = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
            if (studio.Length == 0) return false;
            token = new CredentialToken(studio, parts[2], parts[3]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
