using Orchestration.Grains.Producer;

namespace Orchestration.Simulation.Running;

/// <summary>
/// Makes a simulated studio's hosted agents react in one order, whatever order their messages reach them in: every
/// call a hosted agent makes to the studio is held until the run is quiet (each agent that owes a reaction is waiting
/// at its next call), then let through one at a time, the agent with the smallest id first. So two agents told of one
/// decision at the same instant apply and acknowledge it in the same order on every run, and the studio numbers what
/// follows the same way. Calls an agent makes while it serves a call of the run (a step that plans or extends its
/// work) pass: an agent grain handles one call at a time, so while it serves the run's call every call it makes is
/// part of that one.
/// </summary>
internal sealed class ReactionGate(IReadOnlySet<string> hostedAgents)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, TaskCompletionSource> _held = new(StringComparer.Ordinal);
    private readonly HashSet<string> _passing = new(StringComparer.Ordinal);

    /// <summary>The hosted agents waiting at a call, in the order they will go.</summary>
    public IReadOnlyList<string> Held
    {
        get
        {
            lock (_lock) return [.. _held.Keys];
        }
    }

    /// <summary>Waits for the agent's turn if the call is a hosted agent's call to the studio, not one made for the run.</summary>
    private Task TurnAsync(IIncomingGrainCallContext call)
    {
        if (call.Grain is not ProducerGrain || call.SourceId is not { } source || source.Key.ToString() is not { } agentId || !hostedAgents.Contains(agentId))
            return Task.CompletedTask;
        lock (_lock)
        {
            if (_passing.Contains(agentId)) return Task.CompletedTask;
            // An agent is one grain, so it waits at one call at a time.
            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Add(agentId, turn);
            return turn.Task;
        }
    }

    /// <summary>The run's own call into a hosted agent (from the client): the agent's calls pass while it serves it.</summary>
    private string? ServingTheRun(IIncomingGrainCallContext call) =>
        call.SourceId is { } source && source.IsClient() && call.TargetId.Key.ToString() is { } agentId && hostedAgents.Contains(agentId) ? agentId : null;

    /// <summary>Lets the first held agent's call through. False if none is held.</summary>
    public bool ReleaseNext()
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (_held.Count == 0) return false;
            var first = _held.First();
            _held.Remove(first.Key);
            turn = first.Value;
        }

        turn.SetResult();
        return true;
    }

    /// <summary>The silo side: an incoming call filter that takes each call through the gate.</summary>
    public sealed class Filter(ReactionGate gate) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (gate.ServingTheRun(context) is { } agentId)
            {
                lock (gate._lock) gate._passing.Add(agentId);
                try
                {
                    await context.Invoke();
                }
                finally
                {
                    lock (gate._lock) gate._passing.Remove(agentId);
                }

                return;
            }

            await gate.TurnAsync(context);
            await context.Invoke();
        }
    }
}
