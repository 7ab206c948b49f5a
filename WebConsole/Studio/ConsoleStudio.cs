using Orchestration.WebConsole.Identity;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.WebConsole.Studio;

/// <summary>
/// The studio as the signed-in person may see and change it: every call carries their credential, so the silos'
/// caller gate decides what they may do and records who did it. There is no other way for the console to reach a
/// grain: a call without a person is never made.
/// </summary>
public sealed class ConsoleStudio(IGrainFactory grains, ConsoleUser user)
{
    public ConsoleUser User { get; } = user;

    public async Task<T> Call<T>(Func<IGrainFactory, Task<T>> call)
    {
        // Set inside this async method, the credential stays with this call and its awaits alone.
        RequestContext.Set(OrchestrationIdentity.RequestContextKey, User.Token);
        try
        {
            return await call(grains);
        }
        finally
        {
            RequestContext.Remove(OrchestrationIdentity.RequestContextKey);
        }
    }

    /// <summary>Who a token is, checked afresh by its studio (a revoked credential is refused at the next page, as on
    /// the HTTP API); null for a token the studio does not know, has revoked, or that is not a person's.</summary>
    public static async Task<CallerIdentity?> IdentifyAsync(IGrainFactory grains, string token, string defaultStudio)
    {
        RequestContext.Set(OrchestrationIdentity.RequestContextKey, token);
        try
        {
            CallerIdentity? identity = null;
            if (CredentialToken.TryParse(token, out var parsed))
            {
                var credential = await grains.GetGrain<ICredentialsGrain>(parsed.StudioId).Authenticate(token);
                identity = credential is null ? null : new CallerIdentity(credential.Subject, credential.StudioId, credential.Role, credential.CredentialId, credential.Agents ?? []);
            }
            else if (OrchestrationIdentity.IsRootToken(token))
            {
                identity = await grains.GetGrain<ICredentialsGrain>(defaultStudio).WhoAmI();
            }

            return identity is not null && ConsoleUser.IsPerson(identity) ? identity : null;
        }
        catch (Grains.Interfaces.Common.NotPermittedException)
        {
            return null;
        }
        finally
        {
            RequestContext.Remove(OrchestrationIdentity.RequestContextKey);
        }
    }
}
