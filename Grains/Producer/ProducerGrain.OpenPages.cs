using Orchestration.Grains.Common;
using Orchestration.Grains.Records;

namespace Orchestration.Grains.Producer;

/// <summary>Open reports and escalations: in memory, stored a change at a time in pages of their own
/// (<see cref="OpenIndex{T}"/>), so the Producer's own write costs what an operation changed, not what is open.</summary>
public sealed partial class ProducerGrain
{
    /// <summary>Every open record changed since the last write, as a change for its page in the outbox this write
    /// stores (called at the write's start, so the changes are exactly what the state copy holds).</summary>
    private void FileOpenChanges()
    {
        foreach (var change in State.OpenReports.TakeChanges().Concat(State.Escalations.TakeChanges()))
        {
            State.Pending.Filings.Add(change);
            State.OpenPages.Add(change.Id);
        }
    }

    /// <summary>The open records: every page ever written, read side by side, then the changes still in the outbox.</summary>
    private async Task LoadOpenPages()
    {
        foreach (var batch in State.OpenPages.Chunk(32))
        {
            var pages = await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IOpenPageGrain>(RecordKeys.Key(StudioId, id)).Get()));
            foreach (var (entries, id) in pages.Zip(batch))
                foreach (var entry in entries) LoadOpen(id, entry);
        }

        foreach (var filing in State.Pending.Filings)
            if (filing.Record is OpenEntry entry) LoadOpen(filing.Id, entry);
    }

    private void LoadOpen(string pageId, OpenEntry entry)
    {
        if (State.OpenReports.Owns(new Filing(pageId, entry))) State.OpenReports.Load(entry);
        else if (State.Escalations.Owns(new Filing(pageId, entry))) State.Escalations.Load(entry);
        else throw new InvalidOperationException($"Studio '{StudioId}': '{pageId}' is not a page of an open index");
    }

    /// <summary>Layouts before 8 kept the open reports and escalations in this state: they move to their pages (the
    /// migration's write files them).</summary>
    private void MoveOpenRecordsToPages()
    {
        foreach (var report in State.LegacyOpenReports.Values) State.OpenReports[report.ReportId] = report;
        foreach (var escalation in State.LegacyEscalations.Values) State.Escalations[escalation.EscalationId] = escalation;
        State.LegacyOpenReports.Clear();
        State.LegacyEscalations.Clear();
    }
}
