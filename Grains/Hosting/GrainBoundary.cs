using Microsoft.Extensions.Logging;
using Orchestration.Grains.Interfaces.Common;
using Orleans.Serialization.Invocation;

namespace Orchestration.Grains.Hosting;

/// <summary>
/// The studio grains' boundary with their callers. A refusal (<see cref="InvalidRequestException"/>) leaves as its
/// field and reason only — never the silo's stack trace and source paths. Any other failure is logged with the grain,
/// the method and the request, so an operator can reproduce it; the caller still gets the exception.
/// </summary>
public sealed partial class GrainBoundary(ILogger<GrainBoundary> logger) : IIncomingGrainCallFilter
{
    /// <summary>A request is logged up to this many characters: enough to reproduce it, never a whole payload.</summary>
    public const int MaxRequestChars = 2_000;

    public Task Invoke(IIncomingGrainCallContext context) =>
        // A new exception that is never thrown carries no stack trace: only the field and the reason cross the wire.
        Logged(context).ContinueWith(
            static call => call.Exception?.InnerException is InvalidRequestException refused
                ? Task.FromException(refused is NotPermittedException
                    ? new NotPermittedException(refused.Field, refused.Reason)
                    : new InvalidRequestException(refused.Field, refused.Reason))
                : call,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current).Unwrap();

    private async Task Logged(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not InvalidRequestException && e is not OperationCanceledException
                                  && context.Grain?.GetType().Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true)
        {
            // Keys and requests come from callers: inert in the log (an escape sequence in a key would act on the operator's terminal).
            LogFailed(e, PrintableText.Inert(context.TargetId.ToString()), context.InterfaceMethod?.Name ?? context.Request.GetMethodName(), Describe(context.Request));
            throw;
        }
    }

    private static string Describe(IInvokable request)
    {
        var arguments = Enumerable.Range(0, request.GetArgumentCount()).Select(i => request.GetArgument(i)?.ToString() ?? "null");
        var text = string.Join(", ", arguments);
        return PrintableText.Inert(text.Length <= MaxRequestChars ? text : text[..MaxRequestChars] + " …");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Grain}.{Method} failed unexpectedly; request: {Request}")]
    private partial void LogFailed(Exception exception, string grain, string method, string request);
}
