using Microsoft.Extensions.Logging;
using Orchestration.Grains.Interfaces.Common;
using Orleans.Serialization.Invocation;

namespace Orchestration.Grains.Hosting;

/// <summary>
/// Logs every call into a studio grain that fails with anything but a refusal (<see cref="InvalidRequestException"/>,
/// which is the caller's to read): the grain, the method and the request, so an operator can reproduce it. The
/// caller still gets the exception.
/// </summary>
public sealed partial class UnexpectedFailureLog(ILogger<UnexpectedFailureLog> logger) : IIncomingGrainCallFilter
{
    /// <summary>A request is logged up to this many characters: enough to reproduce it, never a whole payload.</summary>
    public const int MaxRequestChars = 2_000;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not InvalidRequestException && e is not OperationCanceledException
                                  && context.Grain?.GetType().Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true)
        {
            LogFailed(e, context.TargetId.ToString(), context.InterfaceMethod?.Name ?? context.Request.GetMethodName(), Describe(context.Request));
            throw;
        }
    }

    private static string Describe(IInvokable request)
    {
        var arguments = Enumerable.Range(0, request.GetArgumentCount()).Select(i => request.GetArgument(i)?.ToString() ?? "null");
        var text = string.Join(", ", arguments);
        return text.Length <= MaxRequestChars ? text : text[..MaxRequestChars] + " …";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Grain}.{Method} failed unexpectedly; request: {Request}")]
    private partial void LogFailed(Exception exception, string grain, string method, string request);
}
