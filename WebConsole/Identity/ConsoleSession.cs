using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.WebConsole.Studio;

namespace Orchestration.WebConsole.Identity;

/// <summary>
/// Who a console request is from: the credential in the console's cookie (set at sign-in, HttpOnly, SameSite=Strict,
/// checked by its studio on every request), or in Development with no cookie, the local operator. A request that
/// changes something must come from the console's own pages (its Origin is this host): a page elsewhere cannot make
/// a signed-in browser approve a decision.
/// </summary>
public static class ConsoleSession
{
    public const string Cookie = "orch-console";
    private const string Key = "orch.console.user";

    public static ConsoleUser? User(this HttpContext context) => context.Items[Key] as ConsoleUser;

    public static async Task<ConsoleUser?> ResolveAsync(HttpContext context)
    {
        if (context.Items[Key] is ConsoleUser known) return known;
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var options = context.RequestServices.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        ConsoleUser? user = null;
        if (context.Request.Cookies[Cookie] is { Length: > 0 } token)
        {
            if (await ConsoleStudio.IdentifyAsync(grains, token, options.DefaultStudio) is { } identity) user = new ConsoleUser(token, identity, IsLocal: false);
        }
        else if (options.LocalCredential is { Length: > 0 } local
                 && await ConsoleStudio.IdentifyAsync(grains, local, options.DefaultStudio) is { } identity)
        {
            user = new ConsoleUser(local, identity, IsLocal: true);
        }

        context.Items[Key] = user;
        return user;
    }

    public static void SignIn(HttpContext context, string token) =>
        context.Response.Cookies.Append(Cookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/", IsEssential = true,
        });

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });

    /// <summary>A change must come from a page of this console: a browser names the page's origin on every POST.</summary>
    public static bool FromThisConsole(HttpContext context) =>
        context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
        && Uri.TryCreate(origin, UriKind.Absolute, out var from)
        && string.Equals(from.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
