using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Identity;

/// <summary>
/// Every call a silo serves is made as someone, and checked before the grain runs. A call carries either a credential
/// (set by the client library, or by the HTTP gateway for the request's caller) — the cluster's root, or a studio
/// credential checked against its studio (<see cref="CredentialCache"/>) — or a silo stamp (<see cref="SiloCallStamp"/>:
/// the silos' own calls). Anything else is refused. The contract's rules for the method (<see cref="CallRule"/>) then
/// say whether this caller may make it, and fill in who acts; the grain reads the caller as <see cref="Acting.Current"/>.
/// Both entries are taken out of the request context first, so a credential never travels on from here — not into
/// the grain's own calls, nor onto a stream.
/// </summary>
public sealed class CallerGate(IGrainFactory grains, CredentialCache cache, SiloCallStamp stamps, IOptions<IdentityOptions> options) : IIncomingGrainCallFilter
{
    private readonly byte[]? _root = options.Value.RootKey is { Length: > 0 } key
        ? SHA256.HashData(Encoding.UTF8.GetBytes(OrchestrationIdentity.RootPrefix + key))
        : null;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var token = RequestContext.Get(OrchestrationIdentity.RequestContextKey) as string;
        var stamp = RequestContext.Get(SiloCallStamp.Key) as string;
        if (token is not null) RequestContext.Remove(OrchestrationIdentity.RequestContextKey);
        if (stamp is not null) RequestContext.Remove(SiloCallStamp.Key);

        if (IsClusterManifest(context) || context.TargetId.IsClient())
        {
            // The cluster manifest is what any client reads to connect: the grain types, nothing of a studio. A call to
            // a client object in the silo (a stream delivery to the silo's own subscribers) reaches code that asked for
            // it, and what it delivers is checked by its seal.
            await context.Invoke();
            return;
        }

        var actor = token is not null ? await Authenticate(token, context)
            : IsTimerTick(context) ? Actor.Silo(context.TargetId)
            : stamp is not null && stamps.Verifies(stamp, context.SourceId, context.TargetId, context.Request) ? Actor.Silo(context.SourceId)
            : throw new NotPermittedException("credential", "a call needs a studio credential: set Orchestration:Credential (environment Orchestration__Credential) in the client, or pass --credential to the CLI");

        var ours = context.Grain?.GetType().Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true;
        if (context.InterfaceMethod is { } method && method.DeclaringType?.Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true)
            CallRule.For(method).Check(actor, context);
        else if (!actor.IsTrusted && (ours || context.Grain is IManagementGrain || (context.TargetId.IsSystemTarget() && !IsClusterManifest(context))))
            // Orleans' own interfaces on the studio's grains (reminders, stream deliveries), its management grain and its
            // system targets are the silos' alone; its stream grains serve any credential (subscribing, publishing: what
            // signatures are for).
            throw new NotPermittedException("credential", $"{context.Request.GetInterfaceName()}.{context.Request.GetMethodName()} is the silos' own: no credential may call it");

        Acting.Current = actor; // for this call only: an async-local set in an async method goes no further back
        await context.Invoke();
    }

    /// <summary>
    /// A grain timer's tick reaches its grain as a call from the grain to itself, made inside the silo (no outgoing
    /// filter runs). A message from outside cannot be one: the tick's invokable calls the timer object, which only the
    /// silo holding the activation has.
    /// </summary>
    private static bool IsTimerTick(IIncomingGrainCallContext context) =>
        context.SourceId == context.TargetId && context.Request.GetInterfaceType() == TimerInvoker;

    private static bool IsClusterManifest(IIncomingGrainCallContext context) => context.Request.GetInterfaceType() == ClusterManifest;

    private static readonly Type? ClusterManifest = Type.GetType("Orleans.Runtime.IClusterManifestSystemTarget, Orleans.Core"); // internal to Orleans

    private static readonly Type? TimerInvoker = Type.GetType("Orleans.Runtime.IGrainTimerInvoker, Orleans.Runtime"); // internal to Orleans

    private async ValueTask<Actor> Authenticate(string token, IIncomingGrainCallContext context)
    {
        if (OrchestrationIdentity.IsRootToken(token))
        {
            return _root is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _root)
                ? Actor.Root
                : throw new NotPermittedException("credential", "the root credential is wrong, or this cluster has none (Orchestration:RootKey)");
        }

        if (!CredentialToken.TryParse(token, out var parsed))
            throw new NotPermittedException("credential", "is not a studio credential (orch.…) nor the cluster's root credential (orch-root.…)");

        // The credentials grain checking a call to itself answers from its own state: a call to itself would wait forever.
        var credential = await cache.GetAsync(token, () => context.Grain is CredentialsGrain own && own.StudioId == parsed.StudioId
            ? Task.FromResult(own.Check(token))
            : grains.GetGrain<ICredentialsGrain>(parsed.StudioId).Authenticate(token));
        return credential is not null
            ? Actor.Of(credential)
            : throw new NotPermittedException("credential", $"credential {PrintableText.Inert(parsed.CredentialId)} of studio '{PrintableText.Inert(parsed.StudioId)}' is unknown, revoked, or its secret is wrong");
    }
}
