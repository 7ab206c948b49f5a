using System.Threading.Channels;
using Orchestration.Client.Streams;
using Orchestration.Grains.Interfaces.Feeds;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Producer;
using Orchestration.Grains.Interfaces.Strategy;
using Orleans.Streams;

namespace Orchestration.Client.Agents;

/// <summary>
/// An external agent's connection to its studio: it is registered, and what the Producer sends it arrives on
/// <see cref="Inbox"/> and <see cref="Strategies"/>, each message once (by id) and each strategy version once, in
/// order. The current strategy at registration comes first. The inbox is read from the agent's durable inbox feed
/// (long polls; only the silo writes it), so a lost connection or silo misses nothing; strategies come on the
/// studio's stream, where only what a silo signed gets through: a broadcast anyone else published is dropped and
/// counted (<see cref="DroppedMessages"/>). Dispose to stop.
/// </summary>
public sealed class AgentSession : IAsyncDisposable
{
    private readonly Channel<InboxMessage> _inbox = Channel.CreateUnbounded<InboxMessage>(new() { SingleWriter = true });
    private readonly Channel<StudioStrategy> _strategies = Channel.CreateUnbounded<StudioStrategy>(new() { SingleWriter = true });
    private readonly HashSet<string> _seenMessages = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Func<Task>> _unsubscribe = [];
    private readonly string _agentId;
    private StudioStrategy? _current;
    private long _dropped;

    private AgentSession(string agentId) => _agentId = agentId;

    /// <summary>Messages this session dropped: a strategy broadcast not signed by the cluster (forged onto the stream, or
    /// changed since), or an inbox message addressed to another agent.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    public RegistrationReceipt Registration { get; private set; } = null!;

    public ChannelReader<InboxMessage> Inbox => _inbox.Reader;

    public ChannelReader<StudioStrategy> Strategies => _strategies.Reader;

    public StudioStrategy? CurrentStrategy
    {
        get { lock (_gate) return _current; }
    }

    internal static async Task<AgentSession> OpenAsync(IStreamProvider streams, StreamTrust trust, IFeedGrain<InboxMessage> inbox, StreamId strategy,
        string agentId, Func<Task<RegistrationReceipt>> register, Func<Task<StudioStrategy?>> currentStrategy)
    {
        await trust.EnsureKeysAsync();
        var session = new AgentSession(agentId);
        try
        {
            // Follow before registering, so nothing sent in between is missed; duplicates are filtered below.
            var follower = await FeedFollower<InboxMessage>.FromNowAsync(inbox, message =>
            {
                session.OnInbox(message);
                return Task.CompletedTask;
            });
            session._unsubscribe.Add(async () => await follower.DisposeAsync());
            await session.Subscribe(streams.GetStream<StrategyBroadcast>(strategy), trust.AcceptsAsync, broadcast => session.OnStrategy(broadcast.Strategy));
            session.Registration = await register();
            session.Open(session.Registration.CurrentStrategy, await currentStrategy());
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var unsubscribe in _unsubscribe) await unsubscribe();
        _unsubscribe.Clear();
        _inbox.Writer.TryComplete();
        _strategies.Writer.TryComplete();
    }

    private async Task Subscribe<T>(IAsyncStream<T> stream, Func<T, ValueTask<bool>> signed, Action<T> onNext)
    {
        var handle = await stream.SubscribeAsync(async (item, _) =>
        {
            if (await signed(item)) onNext(item);
            else Interlocked.Increment(ref _dropped);
        });
        _unsubscribe.Add(handle.UnsubscribeAsync);
    }

    private void OnInbox(InboxMessage message)
    {
        lock (_gate)
        {
            if (message.AgentId != _agentId)
            {
                Interlocked.Increment(ref _dropped); // signed, but for another agent: replayed onto this inbox
                return;
            }

            if (!_seenMessages.Add(message.MessageId)) return;
            _inbox.Writer.TryWrite(message);
        }
    }

    /// <summary>A broadcast that arrives before registration answers is held, not yielded: the stream can still carry
    /// an older version published before this session subscribed. The first version yielded is the one in force.</summary>
    private StudioStrategy? _beforeOpen;

    private bool _open;

    private void Open(params StudioStrategy?[] known)
    {
        lock (_gate)
        {
            _open = true;
            if (known.Append(_beforeOpen).OfType<StudioStrategy>().MaxBy(s => s.Version) is { } inForce) Yield(inForce);
            _beforeOpen = null;
        }
    }

    private void OnStrategy(StudioStrategy strategy)
    {
        lock (_gate)
        {
            if (_open) Yield(strategy);
            else if (strategy.Version > (_beforeOpen?.Version ?? 0)) _beforeOpen = strategy;
        }
    }

    private void Yield(StudioStrategy strategy)
    {
        if (strategy.Version <= (_current?.Version ?? 0)) return;
        _current = strategy;
        _strategies.Writer.TryWrite(strategy);
    }
}
