using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Streams;

namespace Orchestration.Client.Streams;

/// <summary>
/// What a client believes of stream messages: only what a silo signed. Anyone who reaches the stream provider can
/// publish on a studio's streams, so <see cref="Agents.AgentSession"/> and <see cref="StudioClient"/>'s watchers pass on a
/// message only if its seal verifies with one of the cluster's public keys, and count what they drop
/// (<see cref="Dropped"/>). The keys are pinned from <see cref="OrchestrationClientOptions.StreamPublicKeys"/>, or read
/// from the cluster and read again (at most every <see cref="RefreshInterval"/>) when a seal names a key not seen yet.
/// </summary>
public sealed class StreamTrust
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private static readonly ConditionalWeakTable<IClusterClient, StreamTrust> PerClient = new();

    private readonly Func<Task<StreamKeys>>? _fetch;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private StreamVerifier? _verifier;
    private long _refreshedAt;
    private long _dropped;

    private StreamTrust(StreamVerifier? pinned, Func<Task<StreamKeys>>? fetch, TimeProvider clock) =>
        (_verifier, _fetch, _clock) = (pinned, fetch, clock);

    /// <summary>Trusts these keys and no others.</summary>
    public static StreamTrust Pinned(StreamKeys keys) => new(new StreamVerifier(keys), null, TimeProvider.System);

    /// <summary>The trust of a cluster client: its pinned keys if it has them configured, otherwise the cluster's own
    /// (one instance per client, so the keys are read once).</summary>
    public static StreamTrust For(IClusterClient client) => PerClient.GetValue(client, static c =>
    {
        var pinned = c.ServiceProvider.GetService<IOptions<OrchestrationClientOptions>>()?.Value.StreamPublicKeys;
        return pinned is { Count: > 0 }
            ? Pinned(new StreamKeys(pinned))
            : new StreamTrust(null, () => c.GetGrain<IStreamKeysGrain>(IStreamKeysGrain.Key).GetStreamKeys(), TimeProvider.System);
    });

    /// <summary>Messages dropped so far: unsigned, signed with an unknown key, or changed since they were signed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ValueTask<bool> AcceptsAsync(InboxMessage message) => Accepts(v => v.Check(message));

    public ValueTask<bool> AcceptsAsync(StrategyBroadcast broadcast) => Accepts(v => v.Check(broadcast));

    public ValueTask<bool> AcceptsAsync(StudioEvent studioEvent) => Accepts(v => v.Check(studioEvent));

    private async ValueTask<bool> Accepts(Func<StreamVerifier, SealCheck> check)
    {
        var verifier = _verifier ?? await Refresh(required: true);
        var result = check(verifier);
        if (result == SealCheck.UnknownKey && _fetch is not null && await Refresh(required: false) is { } fresh && fresh != verifier)
            result = check(fresh);
        if (result == SealCheck.Valid) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Reads the cluster's keys now if none are known yet, so a connection fails at once rather than drop what
    /// arrives; callers that open subscriptions call it first.</summary>
    public async Task EnsureKeysAsync()
    {
        if (_verifier is null) await Refresh(required: true);
    }

    /// <summary>Reads the cluster's keys: at once when none are known, else at most once per <see cref="RefreshInterval"/>
    /// (a forger sending unknown key ids makes the client ask no more often than that).</summary>
    private async Task<StreamVerifier> Refresh(bool required)
    {
        await _refreshing.WaitAsync();
        try
        {
            // Another caller read them while this one waited, or they were read too recently to ask again.
            if (_verifier is { } known && (required || _clock.GetElapsedTime(_refreshedAt) < RefreshInterval)) return known;
            _verifier = new StreamVerifier(await _fetch!());
            _refreshedAt = _clock.GetTimestamp();
            return _verifier;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
