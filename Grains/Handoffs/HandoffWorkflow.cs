using System.Text;
using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Handoffs;

/// <summary>
/// The seed's Handoff Protocols through the Producer: an offer is recorded and proposed to the recipient's inbox;
/// the recipient's answer is recorded and sent back to the sender. Every handoff is tracked to its outcome.
/// </summary>
public sealed class HandoffWorkflow(IHandoffBook state, StudioChanges changes)
{
    /// <param name="offer">The offer.</param>
    /// <param name="filed">The handoff of that id filed in its own grain, if it settled and left the index.</param>
    /// <param name="accepted">The handoff of the same kind and item that was accepted, if one was and it left the index.</param>
    public HandoffRecord Offer(HandoffOffer? offer, HandoffRecord? filed = null, HandoffRecord? accepted = null)
    {
        offer = Validate(offer);
        if ((state.Handoffs.GetValueOrDefault(offer.HandoffId) ?? filed) is { } recorded)
        {
            if (!Same(recorded.Offer, offer))
                throw new InvalidRequestException("offer.handoffId", $"'{offer.HandoffId}' was already used for a different handoff");
            if (recorded.Status == HandoffStatus.Offered) changes.Send(Proposal(recorded)); // the first may have been lost
            return recorded;
        }

        // One taker per piece of work: a new offer waits for the open one's answer, and none follows an acceptance.
        if (Accepted(offer.Kind, offer.ItemId, accepted) is { } taken)
            throw new InvalidRequestException("offer.itemId",
                $"{Describe(offer.Kind)} of {offer.ItemId} was already accepted by {taken.Offer.ToAgentId} ({taken.Offer.HandoffId}); it is not offered twice");
        if (state.Handoffs.Values.FirstOrDefault(h => h.Status == HandoffStatus.Offered && h.Offer.Kind == offer.Kind && h.Offer.ItemId == offer.ItemId) is { } open)
            throw new InvalidRequestException("offer.itemId",
                $"{Describe(offer.Kind)} of {offer.ItemId} is offered to {open.Offer.ToAgentId} ({open.Offer.HandoffId}); offer it elsewhere once that is answered");

        var record = new HandoffRecord(offer, HandoffStatus.Offered, changes.Now);
        state.Handoffs[offer.HandoffId] = record;
        changes.Event(seq => new HandoffOffered(changes.StudioId, seq, changes.Now,
            $"{offer.FromAgentId} hands {offer.ToAgentId} {offer.Kind} for {offer.ItemId} (priority {offer.Priority}): {offer.Summary}", offer));
        changes.Send(Proposal(record));
        return record;
    }

    /// <param name="response">The recipient's answer.</param>
    /// <param name="filed">The handoff filed in its own grain, if it settled and left the index.</param>
    /// <param name="accepted">The handoff of the same kind and item that was accepted, if one was and it left the index.</param>
    public HandoffRecord Respond(HandoffResponse? response, HandoffRecord? filed = null, HandoffRecord? accepted = null)
    {
        response = Require.Present(response, "response");
        var id = Require.Id(response.HandoffId, "response.handoffId");
        var record = state.Handoffs.GetValueOrDefault(id) ?? filed
            ?? throw new InvalidRequestException("response.handoffId", $"no handoff '{id}' in studio '{changes.StudioId}'");
        if (response.AgentId != record.Offer.ToAgentId)
            throw new NotPermittedException("response.agentId", $"only '{record.Offer.ToAgentId}' can answer handoff '{id}'");
        var reason = Require.Text(response.Reason, "response.reason");
        var status = response.Accept ? HandoffStatus.Accepted : HandoffStatus.Rejected;
        if (record.Status != HandoffStatus.Offered)
        {
            if (record.Status != status)
                throw new InvalidRequestException("response.accept", $"handoff '{id}' was already {record.Status.ToString().ToLowerInvariant()}");
            changes.Send(Conclusion(record));
            return record; // a retry
        }

        if (response.Accept && Accepted(record.Offer.Kind, record.Offer.ItemId, accepted) is { } taken && taken.Offer.HandoffId != id)
            throw new InvalidRequestException("response.accept",
                $"{Describe(record.Offer.Kind)} of {record.Offer.ItemId} was already accepted by {taken.Offer.ToAgentId} ({taken.Offer.HandoffId})");

        var settled = record with { Status = status, SettledAt = changes.Now, Reason = reason };
        state.Handoffs[id] = settled;
        state.HandoffOutcomes = state.HandoffOutcomes.Add(response.Accept);
        changes.File(RecordKeys.Handoff(id), settled);
        if (response.Accept) changes.File(RecordKeys.AcceptedHandoff(settled.Offer.Kind, settled.Offer.ItemId), settled);
        changes.Event(seq => new HandoffSettled(changes.StudioId, seq, changes.Now,
            $"{settled.Offer.ToAgentId} {status.ToString().ToLowerInvariant()} handoff {id} from {settled.Offer.FromAgentId}: {reason}", settled));
        changes.Send(Conclusion(settled));

        var old = state.Handoffs.Values.Where(h => h.Status != HandoffStatus.Offered).OrderBy(h => h.SettledAt).ToList();
        foreach (var h in old.Take(Math.Max(0, old.Count - IHandoffBook.SettledHandoffsKept))) state.Handoffs.Remove(h.Offer.HandoffId);
        return settled;
    }

    private HandoffRecord? Accepted(HandoffKind kind, string itemId, HandoffRecord? filed) =>
        state.Handoffs.Values.FirstOrDefault(h => h.Status == HandoffStatus.Accepted && h.Offer.Kind == kind && h.Offer.ItemId == itemId)
        ?? (filed is { Status: HandoffStatus.Accepted } && filed.Offer.Kind == kind && filed.Offer.ItemId == itemId ? filed : null);

    private static string Describe(HandoffKind kind) => kind == HandoffKind.WinningExperiment ? "the winner" : "the post-launch results";

    private HandoffOffer Validate(HandoffOffer? offer)
    {
        offer = Require.Present(offer, "offer");
        Require.Id(offer.HandoffId, "offer.handoffId");
        Require.Defined(offer.Kind, "offer.kind");
        foreach (var (agent, field) in new[] { (offer.FromAgentId, "offer.fromAgentId"), (offer.ToAgentId, "offer.toAgentId") })
            if (!state.Agents.ContainsKey(Require.Id(agent, field)))
                throw new InvalidRequestException(field, $"agent '{agent}' is not registered with studio '{changes.StudioId}'");
        if (offer.FromAgentId == offer.ToAgentId)
            throw new InvalidRequestException("offer.toAgentId", "an agent cannot hand work to itself");
        Require.Id(offer.ItemId, "offer.itemId");
        Require.Id(offer.ProjectId, "offer.projectId");
        Require.Text(offer.Summary, "offer.summary");
        Require.InRange(offer.Priority, 1, 5, "offer.priority");
        var payload = Require.Present(offer.Payload, "offer.payload");
        if (payload.Count == 0)
            throw new InvalidRequestException("offer.payload", "is empty: a handoff passes information (a spec, metrics, feedback)");
        var bytes = payload.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Encoding.UTF8.GetByteCount(p.Value ?? ""));
        if (bytes > 4 * Limits.MaxTextBytes)
            throw new InvalidRequestException("offer.payload", $"is {bytes} bytes; at most {4 * Limits.MaxTextBytes} are allowed");
        return offer with { Payload = new Dictionary<string, string>(payload, StringComparer.Ordinal) };
    }

    private static bool Same(HandoffOffer a, HandoffOffer b) =>
        a with { Payload = b.Payload } == b && a.Payload.Count == b.Payload.Count
        && a.Payload.All(p => b.Payload.TryGetValue(p.Key, out var v) && v == p.Value);

    private HandoffProposed Proposal(HandoffRecord record) => new(
        $"handoff:{record.Offer.HandoffId}", changes.StudioId, record.Offer.ToAgentId, changes.Now,
        $"{record.Offer.FromAgentId} hands you {record.Offer.ItemId}: {record.Offer.Summary}", record.Offer);

    private HandoffConcluded Conclusion(HandoffRecord record) => new(
        $"handoff-settled:{record.Offer.HandoffId}", changes.StudioId, record.Offer.FromAgentId, changes.Now,
        $"{record.Offer.ToAgentId} {record.Status.ToString().ToLowerInvariant()} your handoff of {record.Offer.ItemId}: {record.Reason}", record);
}
