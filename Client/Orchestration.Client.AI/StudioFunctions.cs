using Microsoft.Extensions.AI;
using Orchestration.Functions;

namespace Orchestration.Client.AI;

/// <summary>
/// An agent's side of the studio as <see cref="AIFunction"/>s for an <c>IChatClient</c> or the Microsoft Agent
/// Framework, over the client library:
/// <code>
/// var studio = StudioClient.Create(services, "default").As(agentCredential);   // the agent's own credential
/// var tools = StudioFunctions.ForAgent(studio, "tracker-7");
/// var answer = await chat.GetResponseAsync(messages, new ChatOptions { Tools = [.. tools] });
/// </code>
/// Every function is bound to that agent: none takes an agent id, and the silo checks the credential on every call,
/// so a model cannot act as another agent. Arguments are checked before a function runs and refusals (a bad
/// argument, a studio rule, a call the credential may not make) come back to the model as <c>refused: field:
/// reason</c> or <c>not permitted: …</c>, text it can act on, never an exception.
/// </summary>
public static class StudioFunctions
{
    /// <summary>The functions' names, in the order <see cref="ForAgent"/> returns them (<see cref="AgentFunctions.Names"/>).</summary>
    public static IReadOnlyList<string> Names => AgentFunctions.Names;

    public static IReadOnlyList<AIFunction> ForAgent(StudioClient studio, string agentId)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        return AgentFunctions.For(new ClientAgentStudio(studio, agentId));
    }
}
