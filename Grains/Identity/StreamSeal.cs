using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Grains.Identity;

/// <summary>The secret the silos' stream signing key is made from (configuration <c>Orchestration:StreamSigningKey</c>).</summary>
public sealed class StreamSealOptions
{
    /// <summary>At least 32 random bytes, base64. Every silo of a cluster needs the same one; the Azure profile refuses to
    /// start without it. Unset in Development: a secret made for this process (one process holds every silo there).</summary>
    public string? Key { get; set; }

    /// <summary>The secret signed with before the last rollover: its public key is still accepted, so messages signed
    /// before the rollover (still queued, or from a silo not yet restarted) verify. Clear it once every silo has rolled.</summary>
    public string? PreviousKey { get; set; }

    public const int MinimumKeyBytes = 32;

    internal static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(MinimumKeyBytes));
}

/// <summary>
/// Signs what the Producer puts on a stream — inbox messages, strategy broadcasts, studio events — and checks what a
/// silo receives. The signature is ECDSA P-256 over <see cref="StreamSignature"/>'s canonical form, so every receiver,
/// clients included, can verify it with the cluster's public key (<see cref="Keys"/>) and none but a silo can make one.
/// The private key is derived from the configured secret, so operators keep one secret per cluster.
/// </summary>
public sealed class StreamSeal
{
    private readonly ConcurrentBag<ECDsa> _signers = [];
    private readonly ECParameters _private;
    private readonly string _keyId;
    private readonly StreamVerifier _verifier;

    public StreamSeal(IOptions<StreamSealOptions> options)
    {
        var secret = options.Value.Key is { Length: > 0 } key ? Convert.FromBase64String(key) : StreamSealOptions.ProcessKey.Value;
        _private = Derive(secret);
        var current = PublicKey(_private);
        _keyId = StreamSignature.KeyId(current);
        var accepted = new List<string> { Convert.ToBase64String(current) };
        if (options.Value.PreviousKey is { Length: > 0 } previous) accepted.Add(Convert.ToBase64String(PublicKey(Derive(Convert.FromBase64String(previous)))));
        _verifier = new StreamVerifier(new StreamKeys(accepted));
    }

    /// <summary>The public keys receivers accept: the current one first, then the previous one during a rollover.</summary>
    public StreamKeys Keys => _verifier.Keys;

    public InboxMessage Sealed(InboxMessage message) => SealedAndSized(message).Item;

    public StrategyBroadcast Sealed(StrategyBroadcast broadcast) => broadcast with { Seal = Sign(StreamSignature.CanonicalForm(broadcast)) };

    public StudioEvent Sealed(StudioEvent studioEvent) => SealedAndSized(studioEvent).Item;

    /// <summary>Sealed, and weighed by the canonical form the seal was made over (what <c>StreamBatches</c> packs by),
    /// so an item published in a batch is serialized once.</summary>
    public (InboxMessage Item, int Size) SealedAndSized(InboxMessage message)
    {
        var form = StreamSignature.CanonicalForm(message);
        return (message with { Seal = Sign(form) }, form.Length);
    }

    public (StudioEvent Item, int Size) SealedAndSized(StudioEvent studioEvent)
    {
        var form = StreamSignature.CanonicalForm(studioEvent);
        return (studioEvent with { Seal = Sign(form) }, form.Length);
    }

    public bool IsSealed(InboxMessage message) => _verifier.Check(message) == SealCheck.Valid;

    public bool IsSealed(StrategyBroadcast broadcast) => _verifier.Check(broadcast) == SealCheck.Valid;

    public bool IsSealed(StudioEvent studioEvent) => _verifier.Check(studioEvent) == SealCheck.Valid;

    private string Sign(byte[] canonical)
    {
        var signer = _signers.TryTake(out var free) ? free : ECDsa.Create(_private);
        try
        {
            return StreamSignature.Seal(_keyId, signer.SignData(canonical, HashAlgorithmName.SHA256));
        }
        finally
        {
            _signers.Add(signer);
        }
    }

    private static byte[] PublicKey(ECParameters key)
    {
        using var ecdsa = ECDsa.Create(key);
        return ecdsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The P-256 private key a secret stands for: a scalar from HKDF-SHA256 over the secret, drawn again in the
    /// (about 2^-32 likely) case it falls outside [1, n-1]. The public key follows from it.</summary>
    internal static ECParameters Derive(byte[] secret)
    {
        var order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        for (var attempt = 0; ; attempt++)
        {
            var d = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, "orchestration stream signing"u8.ToArray(), [(byte)attempt]);
            var scalar = new BigInteger(d, isUnsigned: true, isBigEndian: true);
            if (scalar.IsZero || scalar >= order) continue;
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            return key.ExportParameters(includePrivateParameters: true);
        }
    }
}
