using Orchestration.Grains.Interfaces.Escalations;
using Orchestration.Grains.Interfaces.Handoffs;
using Orchestration.Grains.Interfaces.Messages;
using Orchestration.Grains.Interfaces.Reports;

namespace Orchestration.Grains.Common;

/// <summary>
/// What one operation has to deliver once its state is written: studio events (numbered from the state's sequence),
/// inbox messages and strategy broadcasts. The domain fills it; the grain stores it with the state, then delivers.
/// </summary>
public sealed class StudioChanges(IEventSequence sequence, string studioId, DateTimeOffset now)
{
    public string StudioId { get; } = studioId;

    public DateTimeOffset Now { get; } = now;

    public List<StudioEvent> Events { get; } = [];

    public List<InboxMessage> Messages { get; } = [];

    public List<StrategyBroadcast> Broadcasts { get; } = [];

    /// <summary>Records that closed (resolved reports and escalations, settled handoffs), to be filed in their own grains.</summary>
    public List<ReportRecord> Reports { get; } = [];

    public List<Escalation> Escalations { get; } = [];

    public List<HandoffRecord> Handoffs { get; } = [];

    public List<ResolvedIssue> Issues { get; } = [];

    public bool Any => Events.Count > 0 || Messages.Count > 0 || Broadcasts.Count > 0;

    public void Event(Func<long, StudioEvent> create) => Events.Add(create(++sequence.EventSequence));

    public void Send(InboxMessage message) => Messages.Add(message);
}
