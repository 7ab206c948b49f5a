using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Identity;
using Orleans.Serialization.Invocation;

namespace Orchestration.Grains.Identity;

/// <summary>
/// Marks every call a silo makes — a grain calling a grain, code hosted in a silo calling one — with a stamp only a
/// silo can make: an HMAC, with a key every silo derives from the cluster's secret, over who calls, whom, and which
/// method. The caller gate takes a stamped call as the silos' own. A client can write any sender into a message it
/// sends (the gateway does not check it), so the sender alone proves nothing; the stamp does, and it is bound to its
/// sender, target and method, and removed on arrival, so it is never seen outside the silos. Calls to clients carry none.
/// </summary>
public sealed class SiloCallStamp : IOutgoingGrainCallFilter
{
    public const string Key = "orch.silo";

    private readonly byte[] _key;

    public SiloCallStamp(IOptions<StreamSealOptions> options)
    {
        var secret = options.Value.Key is { Length: > 0 } key ? Convert.FromBase64String(key) : StreamSealOptions.ProcessKey.Value;
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "orchestration silo calls"u8.ToArray());
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Set inside an async method, the stamp stays with this call: the caller's own context does not keep it.
        if (!context.TargetId.IsClient())
        {
            if (context.SourceContext is not null)
            {
                // A grain calls as itself, never with the credential of the call it serves (a grain activated by a
                // caller's call starts with that call's context).
                RequestContext.Remove(OrchestrationIdentity.RequestContextKey);
                RequestContext.Set(Key, Stamp(context.SourceId, context.TargetId, context.Request));
            }
            else if (RequestContext.Get(OrchestrationIdentity.RequestContextKey) is null)
            {
                // Code hosted in the silo: its own call, unless it carries a caller's credential (the HTTP gateway serving a request).
                RequestContext.Set(Key, Stamp(context.SourceId, context.TargetId, context.Request));
            }
        }

        await context.Invoke();
    }

    /// <remarks>
    /// Code hosted in a silo outside any grain (stream pulling agents starting, a hosted agent) calls with no sender of
    /// its own, and the message then names one Orleans picks: such a stamp is bound to its target and method alone.
    /// </remarks>
    public bool Verifies(string stamp, GrainId? source, GrainId target, IInvokable request) =>
        Same(stamp, Stamp(source, target, request)) || (source is not null && Same(stamp, Stamp(null, target, request)));

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(given.AsSpan()), MemoryMarshal.AsBytes(expected.AsSpan()));

    private const int MacBytes = 32;

    /// <summary>Stamps made or checked lately, by sender, target and method: a silo's calls go to few places over and
    /// over (a studio's grain to its pages and timers), and each would cost two HMACs. Bounded: past it, it starts over.</summary>
    private const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<(GrainId? Source, GrainId Target, Type Method), string> _stamps = new();

    /// <summary>Each method's name as bytes, by the invokable type Orleans generates for it (one per method).</summary>
    private static readonly ConcurrentDictionary<Type, byte[]> Methods = new();

    private string Stamp(GrainId? source, GrainId target, IInvokable request)
    {
        var key = (source, target, request.GetType());
        if (_stamps.TryGetValue(key, out var known)) return known;
        Span<byte> mac = stackalloc byte[MacBytes];
        Mac(source, target, request, mac);
        if (_stamps.Count >= MaxRemembered) _stamps.Clear();
        return _stamps[key] = Convert.ToBase64String(mac);
    }

    /// <summary>The HMAC over sender, target and method, each length-prefixed (no two calls share an input). On every
    /// call a silo makes and serves, so built without allocating.</summary>
    private void Mac(GrainId? source, GrainId target, IInvokable request, Span<byte> mac)
    {
        var method = Methods.GetOrAdd(request.GetType(), static (_, r) => Encoding.UTF8.GetBytes($"{r.GetInterfaceName()}\n{r.GetMethodName()}"), request);
        var sourceType = source is { } s ? s.Type.AsSpan() : default;
        var sourceKey = source is { } k ? k.Key.AsSpan() : default;
        var targetType = target.Type.AsSpan();
        var targetKey = target.Key.AsSpan();
        var length = 5 * sizeof(int) + sourceType.Length + sourceKey.Length + targetType.Length + targetKey.Length + method.Length;
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        var at = Append(input, 0, sourceType);
        at = Append(input, at, sourceKey);
        at = Append(input, at, targetType);
        at = Append(input, at, targetKey);
        Append(input, at, method);
        HMACSHA256.HashData(_key, input, mac);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    private static int Append(Span<byte> input, int at, ReadOnlySpan<byte> part)
    {
        BinaryPrimitives.WriteInt32LittleEndian(input[at..], part.Length);
        part.CopyTo(input[(at + sizeof(int))..]);
        return at + sizeof(int) + part.Length;
    }
}
