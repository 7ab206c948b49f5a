using Orchestration.Functions;

namespace Orchestration.LlmAgents;

/// <summary>
/// The <c>LlmAgents</c> section: the model the <c>llm-agent</c> kind talks to and the limits it works within. With no
/// <see cref="Endpoint"/> and <see cref="Model"/>, the kind is not registered (the silo says so at start) and a join
/// of that kind is refused as an unknown kind. The key is read from configuration — an environment variable
/// (<c>LlmAgents__ApiKey</c>), a secret store — and never written to state, the journal or a log line.
/// </summary>
public sealed class LlmAgentOptions
{
    public const string Section = "LlmAgents";

    /// <summary>An OpenAI-compatible endpoint: <c>https://api.openai.com/v1</c>, an Azure OpenAI <c>…/openai/v1</c>
    /// endpoint, a local server (Ollama's <c>http://localhost:11434/v1</c>, vLLM, LM Studio).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model (deployment) name, e.g. <c>gpt-4.1-mini</c>.</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The functions a model is offered (of <see cref="AgentFunctions.Names"/>); calling another fails the
    /// attempt. Unset: all of them. (Null, not the full list, by default: configuration adds to a list it binds.)</summary>
    public List<string>? Functions { get; set; }

    public IReadOnlyList<string> AllowedFunctions => Functions is { Count: > 0 } chosen ? chosen : AgentFunctions.Names;

    /// <summary>Function calls allowed in one message's reaction, reads included.</summary>
    public int MaxCallsPerMessage { get; set; } = 12;

    /// <summary>Tokens (input and output, every round of the conversation) allowed in one message's reaction.</summary>
    public long MaxTokensPerMessage { get; set; } = 32_000;

    /// <summary>How long one message's reaction may take, the model's every round included (wall clock).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LongestRetryWait { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>What the operator adds to the agent's instructions (the studio's conventions, a tone).</summary>
    public string? Instructions { get; set; }

    /// <summary>False in the simulator, which runs <c>Tick</c> on virtual time itself; true in a silo, where timers
    /// and a reminder do.</summary>
    public bool Timers { get; set; } = true;

    /// <summary>Whether a model is configured here (otherwise one may be given in code, as tests and the simulator do).</summary>
    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    internal IEnumerable<string> Problems()
    {
        if (Endpoint is not null && string.IsNullOrWhiteSpace(Model)) yield return "LlmAgents:Model is required with LlmAgents:Endpoint";
        if (Endpoint is null && !string.IsNullOrWhiteSpace(Model)) yield return "LlmAgents:Endpoint is required with LlmAgents:Model";
        foreach (var name in AllowedFunctions.Where(f => !AgentFunctions.Names.Contains(f)))
            yield return $"LlmAgents:Functions: '{name}' is not one of: {string.Join(", ", AgentFunctions.Names)}";
        if (MaxCallsPerMessage is < 1 or > 100) yield return "LlmAgents:MaxCallsPerMessage must be between 1 and 100";
        if (MaxTokensPerMessage < 100) yield return "LlmAgents:MaxTokensPerMessage must be at least 100";
        if (Timeout <= TimeSpan.Zero) yield return "LlmAgents:Timeout must be positive";
        if (MaxAttempts is < 1 or > 100) yield return "LlmAgents:MaxAttempts must be between 1 and 100";
        if (FirstRetryAfter <= TimeSpan.Zero || LongestRetryWait < FirstRetryAfter) yield return "LlmAgents:FirstRetryAfter must be positive and at most LlmAgents:LongestRetryWait";
    }
}
