using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Telemetry;

namespace Orchestration.LlmAgents.Reacting;

/// <summary>The operator's bounds on one message's reaction.</summary>
internal sealed record TurnLimits(IReadOnlySet<string> Functions, int MaxCalls, long MaxTokens, TimeSpan Timeout);

/// <summary>A conversation that ended within its limits: the model's closing text and what it cost.</summary>
internal sealed record TurnResult(string Answer, int FunctionCalls, long InputTokens, long OutputTokens);

/// <summary>A conversation that broke a limit or went wrong: nothing it staged is sent.</summary>
internal sealed class TurnFailedException(string reason, int functionCalls, long inputTokens, long outputTokens) : Exception(reason)
{
    public int FunctionCalls { get; } = functionCalls;

    public long InputTokens { get; } = inputTokens;

    public long OutputTokens { get; } = outputTokens;
}

/// <summary>
/// One message's conversation with the model: ask, run the functions it calls (each in an <c>execute_tool</c> span
/// of the OpenTelemetry GenAI conventions), give it the results, until it answers without calling one. The loop is
/// here rather than in a function-invoking client so every limit is checked before the call it would allow: a
/// function the operator did not allow, one call too many, a token too many, the time up.
/// </summary>
internal static class ModelTurn
{
    public static async Task<TurnResult> RunAsync(
        IChatClient chat, List<ChatMessage> conversation, IReadOnlyList<AIFunction> functions, TurnLimits limits, CancellationToken cancellationToken)
    {
        var offered = functions.Where(f => limits.Functions.Contains(f.Name)).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var options = new ChatOptions { Tools = [.. offered.Values], ToolMode = ChatToolMode.Auto };
        var (calls, input, output) = (0, 0L, 0L);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            while (true)
            {
                var response = await chat.GetResponseAsync(conversation, options, timeout.Token);
                input += response.Usage?.InputTokenCount ?? 0;
                output += response.Usage?.OutputTokenCount ?? 0;
                if (input + output > limits.MaxTokens) throw Failed($"the model used {input + output} tokens, more than the {limits.MaxTokens} allowed per message");
                conversation.AddRange(response.Messages);

                var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                if (requested.Count == 0)
                {
                    var answer = response.Text.Trim();
                    return answer.Length > 0 ? new TurnResult(answer, calls, input, output) : throw Failed("the model answered with neither text nor a function call");
                }

                var results = new List<AIContent>();
                foreach (var call in requested)
                {
                    if (++calls > limits.MaxCalls) throw Failed($"the model made more than the {limits.MaxCalls} function calls allowed per message");
                    if (!offered.TryGetValue(call.Name, out var function))
                        throw Failed($"the model called '{call.Name}', which is not one of the functions it is allowed: {string.Join(", ", offered.Keys)}");
                    results.Add(new FunctionResultContent(call.CallId, await InvokeAsync(function, call, timeout.Token)));
                }

                conversation.Add(new ChatMessage(ChatRole.Tool, results));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failed($"the model did not finish within {limits.Timeout.TotalSeconds:0.#} s");
        }

        TurnFailedException Failed(string reason) => new(reason, calls, input, output);
    }

    private static async Task<object?> InvokeAsync(AIFunction function, FunctionCallContent call, CancellationToken cancellationToken)
    {
        using var span = OrchestrationTelemetry.Source.StartActivity($"execute_tool {function.Name}", ActivityKind.Internal);
        span?.SetTag("gen_ai.operation.name", "execute_tool");
        span?.SetTag("gen_ai.tool.name", function.Name);
        span?.SetTag("gen_ai.tool.call.id", call.CallId);
        span?.SetTag("gen_ai.tool.type", "function");
        var result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
        // The studio functions answer a refusal as text ("refused: field: reason"), never by throwing.
        if (result is string text && ToolArguments.IsRefusal(text))
            span?.SetStatus(ActivityStatusCode.Error, text);
        return result;
    }
}
