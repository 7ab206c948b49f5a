using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Orchestration.Gateway.Identity;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Gateway.Http;

/// <summary>
/// Every refusal as RFC 9457 problem details: the field at fault and the reason, never a stack trace. A refusal
/// leaves the studio unchanged (the grains validate before they change anything), so the request can be fixed and sent again.
/// </summary>
public sealed partial class GatewayErrors(IProblemDetailsService problems, ILogger<GatewayErrors> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            NotPermittedException e => Refusal(StatusCodes.Status403Forbidden, "Not permitted", e.Field, e.Reason),
            InvalidRequestException e => Refusal(StatusCodes.Status400BadRequest, "Refused", e.Field, e.Reason),
            NotFound e => Refusal(StatusCodes.Status404NotFound, "Not found", e.Field, e.Reason),
            CallerMismatchException e => Refusal(StatusCodes.Status403Forbidden, "Not permitted", e.Field, e.Reason),
            BadHttpRequestException { InnerException: JsonException json } => Refusal(StatusCodes.Status400BadRequest, "Malformed JSON",
                FieldOf(json.Path), json.Message.Split(" Path:", 2)[0]),
            BadHttpRequestException e => Refusal(e.StatusCode, "Malformed request", "body", e.Message),
            TimeoutException => new ProblemDetails
            {
                Status = StatusCodes.Status504GatewayTimeout, Title = "The studio did not answer in time",
                Detail = "The outcome is unknown: send the same request again (with the same id); it is applied once.",
            },
            _ => null,
        };
        if (problem is null)
        {
            LogUnexpected(exception, context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Unexpected failure", Detail = "The failure is logged on the server." };
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails Refusal(int status, string title, string field, string reason) => new()
    {
        Status = status,
        Title = title,
        Detail = $"{field}: {reason}",
        Extensions = { ["field"] = field, ["reason"] = reason },
    };

    /// <summary>"$.item.start" → "item.start".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, PathString path);
}
