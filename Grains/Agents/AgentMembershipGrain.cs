using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Streams;
using Orleans.Concurrency;

namespace Orchestration.Grains.Agents;

/// <summary>
/// Which studio an agent id belongs to (key: the agent id), cluster-wide. An agent belongs to one studio — its inbox
/// stream is keyed by its id alone — so the Producer claims the id here before a new agent joins. It calls no grain.
/// </summary>
[Alias("orch.IAgentMembershipGrain")]
public interface IAgentMembershipGrain : IGrainWithStringKey
{
    /// <summary>Claims the agent id for <paramref name="studioId"/>; refused if another studio has it.</summary>
    [Alias("Join")]
    Task Join(string studioId);

    [ReadOnly, Alias("GetStudio")]
    Task<string?> GetStudio();
}

[GenerateSerializer, Alias("orch.AgentMembershipState")]
public sealed class AgentMembershipState
{
    [Id(0)] public string? StudioId { get; set; }
}

public sealed class AgentMembershipGrain(
    [PersistentState("membership", StudioStreams.Storage)] IPersistentState<AgentMembershipState> state) : Grain, IAgentMembershipGrain
{
    public async Task Join(string studioId)
    {
        if (state.State.StudioId == studioId) return;
        if (state.State.StudioId is { } other)
            throw new InvalidRequestException("registration.agentId",
                $"agent '{this.GetPrimaryKeyString()}' belongs to studio '{other}': an agent belongs to one studio; register it there, or use another id");
        state.State.StudioId = studioId;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.StudioId = null; // not stored: not claimed
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<string?> GetStudio() => Task.FromResult(state.State.StudioId);
}
