using Microsoft.Extensions.Options;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Client.Identity;

/// <summary>
/// Puts the caller's credential on every call this client makes (the silo refuses a call without one), and refuses,
/// before it leaves, a request holding text the wire would change: an unpaired surrogate is written as U+FFFD on the
/// way, so the studio could not refuse it — it would store something else than was sent.
/// </summary>
internal sealed class CredentialFilter(IOptions<OrchestrationClientOptions> options) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        UnpairedSurrogates.Refuse(context);
        // Set inside an async method, so it stays with this call. A credential already in the request context (the HTTP
        // gateway's, for the request it serves) is the caller's: it is kept unless the code chose one with Use.
        var token = CallerCredential.Current
            ?? RequestContext.Get(OrchestrationIdentity.RequestContextKey) as string
            ?? options.Value.Credential;
        if (token is { Length: > 0 }) RequestContext.Set(OrchestrationIdentity.RequestContextKey, token);
        await context.Invoke();
    }
}
