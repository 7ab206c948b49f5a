using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orchestration.Gateway.Identity;

/// <summary>A credential belongs to one studio: a path naming another is refused (403) before anything runs.</summary>
internal sealed class StudioPathFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var studio = http.GetRouteValue("studio") as string;
        var caller = Caller.From(http.User);
        if (caller is not null && studio is not null && !string.Equals(studio, caller.StudioId, StringComparison.Ordinal))
            throw new CallerMismatchException("studio", $"is '{studio}', but this credential belongs to studio '{caller.StudioId}'");
        return next(context);
    }
}
