using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Orchestration.Simulation.Library;

/// <summary>
/// A chat model that plays a script, no network, for scenarios and tests with LLM agents: each agent (named in its
/// instructions, "agent 'id'") has a queue of turns, and each call to the model takes the next — function calls
/// (fixed, or worked out from the conversation), text, a hang until the caller gives up. It keeps every conversation
/// it was given, so a test can read what the functions answered.
/// <code>
/// var model = new ScriptedChatClient();
/// model.Play("ai-tracker", ScriptedChatClient.Calls(("acknowledge_decision", new { conflictId, decisionId })), ScriptedChatClient.Says("Done."));
/// await ScenarioTesting.RunAsync("my.yaml", agentKinds: s => s.AddLlmAgentKind(_ => model));
/// </code>
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>>>> _scripts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IReadOnlyList<ChatMessage>>> _seen = new();

    public static readonly UsageDetails Usage = new() { InputTokenCount = 120, OutputTokenCount = 30, TotalTokenCount = 150 };

    /// <summary>Queues turns for an agent's model.</summary>
    public void Play(string agentId, params Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>>[] turns)
    {
        var queue = _scripts.GetOrAdd(agentId, _ => new());
        foreach (var turn in turns) queue.Enqueue(turn);
    }

    /// <summary>Every conversation the agent's model was called with (each call: the messages as of then).</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Seen(string agentId) => [.. _seen.GetOrAdd(agentId, _ => new())];

    /// <summary>The results the functions gave the agent's model, in order.</summary>
    public IReadOnlyList<string> FunctionResults(string agentId) =>
        [.. Seen(agentId).LastOrDefault()?.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => Text(r.Result)) ?? []];

    public static Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> Calls(params (string Name, object Arguments)[] calls) =>
        Calls(_ => calls);

    /// <summary>Function calls worked out from the conversation (the message's JSON, what earlier calls answered).</summary>
    public static Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> Calls(Func<IReadOnlyList<ChatMessage>, IEnumerable<(string Name, object Arguments)>> calls) =>
        (conversation, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [.. calls(conversation).Select((c, i) => (AIContent)new FunctionCallContent($"call-{conversation.Count}-{i}", c.Name, Arguments(c.Arguments)))])) { Usage = Usage });

    public static Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> Says(string text) =>
        (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { Usage = Usage });

    /// <summary>A model that never answers: the call ends only when the caller gives up.</summary>
    public static Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> Hangs() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

    /// <summary>The JSON of the message the agent reacts to (the first block of the user message).</summary>
    public static JsonElement MessageJson(IReadOnlyList<ChatMessage> conversation) => JsonBlocks(conversation).First();

    /// <summary>The work items the message concerns, as the prompt gives them.</summary>
    public static JsonElement ItemsJson(IReadOnlyList<ChatMessage> conversation) => JsonBlocks(conversation).Skip(1).First();

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages.ToList();
        var agentId = AgentOf(options?.Instructions ?? conversation.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "");
        _seen.GetOrAdd(agentId, _ => new()).Enqueue(conversation);
        if (!_scripts.TryGetValue(agentId, out var queue) || !queue.TryDequeue(out var turn))
            throw new InvalidOperationException($"the script for agent '{agentId}' has no more turns");
        return await turn(conversation, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the LLM agents do not stream");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>The agent the instructions name ("agent 'id'"): the system message, or the options' instructions (the
    /// Agent Framework's way).</summary>
    private static string AgentOf(string system)
    {
        var start = system.IndexOf("agent '", StringComparison.Ordinal) + "agent '".Length;
        return start < "agent '".Length ? "" : system[start..system.IndexOf('\'', start)];
    }

    private static IEnumerable<JsonElement> JsonBlocks(IReadOnlyList<ChatMessage> conversation)
    {
        var text = conversation.First(m => m.Role == ChatRole.User).Text;
        for (var at = text.IndexOf("```json\n", StringComparison.Ordinal); at >= 0; at = text.IndexOf("```json\n", at + 1, StringComparison.Ordinal))
        {
            var start = at + "```json\n".Length;
            yield return JsonDocument.Parse(text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)]).RootElement.Clone();
        }
    }

    private static Dictionary<string, object?> Arguments(object arguments) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(arguments))!.ToDictionary(a => a.Key, a => (object?)a.Value);

    private static string Text(object? result) => result switch
    {
        null => "null",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        _ => JsonSerializer.Serialize(result),
    };
}
