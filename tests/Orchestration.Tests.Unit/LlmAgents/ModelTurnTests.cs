using CsCheck;
using Microsoft.Extensions.AI;
using Orchestration.LlmAgents.Reacting;

namespace Orchestration.Tests.Unit.LlmAgents;

/// <summary>
/// One message's conversation with a model keeps to the operator's limits: every limit is checked before the call it
/// would allow, so a function past the limit, or one not allowed, never runs.
/// </summary>
public class ModelTurnTests
{
    /// <summary>A model that asks for <paramref name="calls"/> function calls, one per answer, then says it is done.</summary>
    private sealed class CountingModel(int calls, string functionName = "note", long tokensPerAnswer = 10, string closing = "done") : IChatClient
    {
        private int _answers;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var usage = new UsageDetails { InputTokenCount = tokensPerAnswer, OutputTokenCount = 0 };
            var answer = _answers++ < calls
                ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"c{_answers}", functionName, new Dictionary<string, object?>())])
                : new ChatMessage(ChatRole.Assistant, closing);
            return Task.FromResult(new ChatResponse(answer) { Usage = usage });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static (AIFunction Function, Func<int> Ran) Note()
    {
        var ran = 0;
        return (AIFunctionFactory.Create(() => { ran++; return "noted"; }, "note"), () => ran);
    }

    private static TurnLimits Limits(int maxCalls = 5, long maxTokens = 1_000, params string[] functions) =>
        new(new HashSet<string>(functions.Length > 0 ? functions : ["note"]), maxCalls, maxTokens, TimeSpan.FromMinutes(1));

    private static Task<TurnResult> Run(IChatClient model, AIFunction function, TurnLimits limits) =>
        ModelTurn.RunAsync(model, [new ChatMessage(ChatRole.User, "react")], [function], limits, CancellationToken.None);

    [Fact]
    public void A_turn_fails_exactly_when_the_model_asks_for_more_calls_than_allowed_and_the_call_past_the_limit_never_runs()
    {
        Gen.Select(Gen.Int[0, 12], Gen.Int[1, 8]).Sample((calls, limit) =>
        {
            var (note, ran) = Note();
            var turn = Run(new CountingModel(calls), note, Limits(maxCalls: limit));
            if (calls <= limit)
            {
                var result = turn.GetAwaiter().GetResult();
                return result.FunctionCalls == calls && ran() == calls && result.Answer == "done";
            }

            var failed = Assert.ThrowsAsync<TurnFailedException>(() => turn).GetAwaiter().GetResult();
            return ran() == limit && failed.Message == $"the model made more than the {limit} function calls allowed per message";
        });
    }

    [Fact]
    public async Task A_function_the_operator_did_not_allow_is_never_run()
    {
        var (note, ran) = Note();
        var failed = await Assert.ThrowsAsync<TurnFailedException>(() => Run(new CountingModel(1), note, Limits(functions: "read_inbox")));
        Assert.Equal("the model called 'note', which is not one of the functions it is allowed: ", failed.Message);
        Assert.Equal(0, ran());
    }

    [Fact]
    public async Task Tokens_past_the_limit_fail_the_turn_before_the_functions_the_answer_asks_for_run()
    {
        var (note, ran) = Note();
        var failed = await Assert.ThrowsAsync<TurnFailedException>(() => Run(new CountingModel(3, tokensPerAnswer: 400), note, Limits(maxTokens: 1_000)));
        Assert.Equal("the model used 1200 tokens, more than the 1000 allowed per message", failed.Message);
        Assert.Equal((2, 1200L), (ran(), failed.InputTokens));
    }

    [Fact]
    public async Task An_answer_with_neither_text_nor_a_call_is_a_failure_not_an_empty_reaction()
    {
        var (note, _) = Note();
        var failed = await Assert.ThrowsAsync<TurnFailedException>(() => Run(new CountingModel(0, closing: "  "), note, Limits()));
        Assert.Equal("the model answered with neither text nor a function call", failed.Message);
    }
}
