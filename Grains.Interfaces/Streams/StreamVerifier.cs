using System.Collections.Concurrent;
using System.Security.Cryptography;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Interfaces.Streams;

/// <summary>What a receiver found on a stream message.</summary>
public enum SealCheck
{
    /// <summary>Signed by one of the cluster's keys, and unchanged since.</summary>
    Valid,

    /// <summary>No seal, or not shaped like one.</summary>
    Unsigned,

    /// <summary>Signed with a key this receiver does not know (a rollover it has not heard of yet, or a forger's key).</summary>
    UnknownKey,

    /// <summary>A known key, but the signature does not match the message: forged or changed.</summary>
    Invalid,
}

/// <summary>
/// Checks stream messages against the cluster's public keys (<see cref="StreamKeys"/>). Anyone who reaches a stream
/// provider can publish on a stream; only a silo holds the private key, so whatever it did not sign is recognised.
/// Thread-safe.
/// </summary>
public sealed class StreamVerifier
{
    private readonly Dictionary<string, PublicKey> _keys = new(StringComparer.Ordinal);

    public StreamVerifier(StreamKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var text in keys.PublicKeys)
        {
            var key = new PublicKey(Convert.FromBase64String(text));
            _keys[key.Id] = key;
        }

        Keys = keys;
    }

    public StreamKeys Keys { get; }

    public SealCheck Check(InboxMessage message) => Check(message.Seal, () => StreamSignature.CanonicalForm(message));

    public SealCheck Check(StrategyBroadcast broadcast) => Check(broadcast.Seal, () => StreamSignature.CanonicalForm(broadcast));

    public SealCheck Check(StudioEvent studioEvent) => Check(studioEvent.Seal, () => StreamSignature.CanonicalForm(studioEvent));

    private SealCheck Check(string? seal, Func<byte[]> canonical)
    {
        if (!StreamSignature.TryRead(seal, out var keyId, out var signature)) return SealCheck.Unsigned;
        if (!_keys.TryGetValue(keyId, out var key)) return SealCheck.UnknownKey;
        return key.Verify(canonical(), signature) ? SealCheck.Valid : SealCheck.Invalid;
    }

    /// <summary>One public key, as a pool of instances: an <see cref="ECDsa"/> is not documented as thread-safe, and
    /// receivers verify in parallel.</summary>
    private sealed class PublicKey
    {
        private readonly byte[] _spki;
        private readonly ConcurrentBag<ECDsa> _free = [];

        public PublicKey(byte[] spki)
        {
            _spki = spki;
            Id = StreamSignature.KeyId(spki);
            var first = Load();
            if (first.KeySize != 256) throw new ArgumentException($"stream key {Id} is not a P-256 key");
            _free.Add(first);
        }

        public string Id { get; }

        public bool Verify(byte[] data, byte[] signature)
        {
            var key = _free.TryTake(out var free) ? free : Load();
            try
            {
                return key.VerifyData(data, signature, HashAlgorithmName.SHA256);
            }
            finally
            {
                _free.Add(key);
            }
        }

        private ECDsa Load()
        {
            var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(_spki, out _);
            return key;
        }
    }
}
