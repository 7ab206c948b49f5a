using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Work;
using Orchestration.Grains.Journal;
using Orchestration.Grains.Work;

namespace Orchestration.Grains.Producer;

/// <summary>The active work graph: completions, and finished work leaving the graph once nothing active names it.</summary>
public sealed partial class ProducerGrain
{
    public async Task<CompletedWork> CompleteWorkItem(WorkItemCompletion completion)
    {
        var filed = Require.IsId(completion?.ItemId) && !State.WorkItems.ContainsKey(completion!.ItemId)
            ? await Filed<CompletedWork>(RecordKeys.Completion(completion.ItemId))
            : null;
        return await Change(changes =>
        {
            completion = Require.Present(completion, "completion");
            var itemId = Require.Id(completion.ItemId, "completion.itemId");
            var owner = State.WorkItems.GetValueOrDefault(itemId)?.OwnerAgentId ?? filed?.OwnerAgentId
                ?? throw new InvalidRequestException("completion.itemId", $"no work item '{itemId}' is declared in the studio");
            if (owner != completion.AgentId)
                throw new NotPermittedException("completion.agentId", $"'{itemId}' is owned by '{owner}'");
            if ((State.Completed.GetValueOrDefault(itemId) ?? filed) is { } done) return done; // a retry

            var item = State.WorkItems[itemId];
            var work = new CompletedWork(itemId, item.Kind, item.Category, item.OwnerAgentId, item.ProjectId, changes.Now);
            State.Completed[itemId] = work;
            State.Completions.Add(work);
            changes.File(RecordKeys.Completion(itemId), work);
            changes.Event(seq => new WorkItemCompleted(StudioId, seq, changes.Now, $"{item.OwnerAgentId} completed {item.Kind.ToString().ToLowerInvariant()} {itemId}", work));
            return work;
        });
    }

    /// <summary>
    /// Looks up the finished work a declaration names that has left the graph. The item itself is refused (finished
    /// work is not planned again; the graph alone would only say "no such item"); prerequisites that are finished are
    /// returned: they are satisfied, and a new item may depend on them (a release planned on a concluded experiment).
    /// </summary>
    private async Task<HashSet<string>> FinishedWorkNamedBy(WorkItem? item)
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        if (item is null || !Require.IsId(item.ItemId)) return finished;
        if (!State.WorkItems.ContainsKey(item.ItemId) && await Filed<CompletedWork>(RecordKeys.Completion(item.ItemId)) is { } done)
            throw new InvalidRequestException("item.itemId", $"'{item.ItemId}' was completed on {done.CompletedAt:u}; declare new work under a new id");

        foreach (var prerequisite in (item.DependsOn ?? []).Take(Limits.MaxListEntries).Select(d => d?.ItemId))
            if (Require.IsId(prerequisite) && !State.WorkItems.ContainsKey(prerequisite!)
                && await Filed<CompletedWork>(RecordKeys.Completion(prerequisite!)) is not null)
                finished.Add(prerequisite!);
        return finished;
    }

    /// <summary>Finished work nothing active names leaves the graph; its completion is already filed and counted.</summary>
    private void LeaveFinishedWork()
    {
        foreach (var id in ActiveGraph.Finished(State.WorkItems, State.Completed,
                     State.Conflicts.Values.Select(c => c.Path), State.Initiatives.Values.SelectMany(i => i.WorkItemIds)))
        {
            State.WorkItems.Remove(id);
            State.Completed.Remove(id);
        }
    }

    /// <summary>
    /// The journal's events of the given kinds since <paramref name="since"/>, oldest first: a read model for the
    /// briefing, read backwards from the journal's head until a segment starts before <paramref name="since"/>, so
    /// its cost follows the period's activity, not the studio's age. Events still in the outbox are included.
    /// </summary>
    private async Task<List<T>> JournalSince<T>(DateTimeOffset since) where T : StudioEvent
    {
        var found = State.Pending.Events.OfType<T>().Where(e => e.At >= since).Reverse().ToList();
        var pendingFrom = State.Pending.Events.Count > 0 ? State.Pending.Events[0].Sequence : State.EventSequence + 1;
        for (var index = JournalSegments.IndexOf(pendingFrom - 1); index >= 0 && pendingFrom > 1; index--)
        {
            var events = await GrainFactory.GetGrain<IJournalSegmentGrain>(JournalSegments.Key(StudioId, index)).Read(0);
            found.AddRange(events.Where(e => e.Sequence < pendingFrom).OfType<T>().Where(e => e.At >= since).Reverse());
            if (events.Count == 0 || events[0].At < since) break;
        }

        found.Reverse();
        return found;
    }
}
