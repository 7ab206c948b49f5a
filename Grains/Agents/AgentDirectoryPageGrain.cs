using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Streams;
using Orleans.Concurrency;

namespace Orchestration.Grains.Agents;

/// <summary>
/// One page of a studio's agent directory (key <c>{studio}/agents:{n}</c>): the registrations of agents number
/// <c>n·256</c> to <c>n·256 + 255</c>, in the order they joined. Registering the 10,000th agent writes one page, not
/// every agent. Only the Producer writes it (through its outbox) and reads it (when it activates); it calls nothing.
/// </summary>
[Alias("orch.IAgentDirectoryPageGrain")]
public interface IAgentDirectoryPageGrain : IGrainWithStringKey
{
    /// <summary>Adds the agent, or replaces its registration; a repeat changes nothing.</summary>
    [Alias("Upsert")]
    Task Upsert(AgentProfile profile);

    [ReadOnly, Alias("Get")]
    Task<IReadOnlyList<AgentProfile>> Get();
}

[GenerateSerializer, Alias("orch.AgentDirectoryPageState")]
public sealed class AgentDirectoryPageState
{
    [Id(0)] public List<AgentProfile> Agents { get; set; } = [];
}

public sealed class AgentDirectoryPageGrain(
    [PersistentState("agents", StudioStreams.Storage)] IPersistentState<AgentDirectoryPageState> state) : Grain, IAgentDirectoryPageGrain
{
    public const int Size = 256;

    private const string Prefix = "agents:";

    /// <summary>The page's id within its studio (its key is <c>{studio}/{id}</c>).</summary>
    public static string Id(int page) => $"{Prefix}{page}";

    public static int? PageOf(string id) =>
        id.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(id.AsSpan(Prefix.Length), out var page) ? page : null;

    public async Task Upsert(AgentProfile profile)
    {
        var agents = state.State.Agents;
        var at = agents.FindIndex(a => a.AgentId == profile.AgentId);
        if (at >= 0 && agents[at] == profile) return;
        if (at >= 0) agents[at] = profile;
        else agents.Add(profile);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle(); // not stored: the next activation reads what storage holds, and the Producer files it again
            throw;
        }
    }

    public Task<IReadOnlyList<AgentProfile>> Get() => Task.FromResult<IReadOnlyList<AgentProfile>>([.. state.State.Agents]);
}
