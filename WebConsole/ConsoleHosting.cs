using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestration.WebConsole.Components;
using Orchestration.WebConsole.Identity;
using Orchestration.WebConsole.Live;
using Orchestration.WebConsole.Studio;

namespace Orchestration.WebConsole;

/// <summary>
/// Adds the web console to a web host whose services hold an <see cref="IGrainFactory"/> (a silo's, or an Orleans
/// client's): <c>services.AddOrchestrationConsole()</c>, then <c>app.MapOrchestrationConsole()</c>. Pages live under
/// <c>/studios/{studio}</c>; <c>/</c> opens the signed-in person's studio.
/// </summary>
public static class ConsoleHosting
{
    public static IServiceCollection AddOrchestrationConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>();
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new ConsoleStudio(sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User() ?? throw new InvalidOperationException("a console page ran for no one")));
        return services;
    }

    public static WebApplication MapOrchestrationConsole(this WebApplication app)
    {
        app.Use(RequireSignIn);
        app.UseAntiforgery(); // Blazor's endpoints ask for it; the console's own forms post to endpoints that check the Origin instead
        app.MapGet("/", async (HttpContext context, IOptions<ConsoleOptions> options) =>
            await ConsoleSession.ResolveAsync(context) is { } user
                ? Results.Redirect($"/studios/{Uri.EscapeDataString(user.StudioId ?? options.Value.DefaultStudio)}")
                : Results.Redirect("/sign-in")).ExcludeFromDescription();
        app.MapGet("/console/{file}", (string file) => Asset(file)).ExcludeFromDescription();
        ConsoleEndpoints.Map(app);
        LiveFeed.Map(app);
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Every page and action of a studio needs someone signed in who may see that studio.</summary>
    private static async Task RequireSignIn(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/studios", out var rest))
        {
            await next();
            return;
        }

        if (await ConsoleSession.ResolveAsync(context) is not { } user)
        {
            context.Response.Redirect("/sign-in");
            return;
        }

        var studio = Uri.UnescapeDataString(rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "");
        if (!user.Sees(studio))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync($"{user.Name} ({user.RoleName}) is signed in to studio '{user.StudioId}', not this one.");
            return;
        }

        await next();
    }

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal) { [".css"] = "text/css", [".js"] = "text/javascript" };

    private static IResult Asset(string file)
    {
        var stream = typeof(ConsoleHosting).Assembly.GetManifestResourceStream($"console/{file}");
        return stream is null || !Types.TryGetValue(Path.GetExtension(file), out var type)
            ? Results.NotFound()
            : Results.Stream(stream, type + "; charset=utf-8");
    }
}
