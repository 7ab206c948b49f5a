using Orchestration.Grains.Common;
using Orchestration.Grains.Records;

namespace Orchestration.Grains.Producer;

/// <summary>Open reports and escalations: in memory, stored a change at a time in pages of their own
/// (<see cref="OpenIndex{T}"/>), so the Producer's own write costs what an operation changed, not what is open.</summary>
public sealed partial class ProducerGrain
{
    /// <summary>Every open record changed since the last write, as a change for its page in the outbox this write
    /// stores, and the pages to read back (called at the write's start, so both are exactly what the state copy holds).</summary>
    private void FileOpenChanges()
    {
        if (!State.OpenReports.HasChanges && !State.Escalations.HasChanges) return;
        State.Pending.Filings.AddRange(State.OpenReports.TakeChanges());
        State.Pending.Filings.AddRange(State.Escalations.TakeChanges());
        State.OpenPages = new SortedSet<string>(State.OpenReports.Pages.Concat(State.Escalations.Pages), StringComparer.Ordinal);
    }

    /// <summary>The open records: the pages the state lists, oldest first, read side by side, then the changes still
    /// in the outbox, in order.</summary>
    private async Task LoadOpenPages()
    {
        var listed = State.OpenPages.OrderBy(id => OpenPage.BookOf(id), StringComparer.Ordinal).ThenBy(OpenPage.NumberOf).ToList();
        var read = new List<(string Page, IReadOnlyList<OpenEntry> Entries)>();
        foreach (var batch in listed.Chunk(32))
            read.AddRange((await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IOpenPageGrain>(RecordKeys.Key(StudioId, id)).Get()))).Zip(batch, (entries, id) => (id, entries)));
        foreach (var (page, entries) in read)
        {
            IndexOf(page).LoadListed(page);
            foreach (var entry in entries) IndexOf(page).Load(page, entry);
        }

        foreach (var filing in State.Pending.Filings)
            if (filing.Record is OpenEntry entry) IndexOf(filing.Id).Load(filing.Id, entry);
    }

    private IOpenBook IndexOf(string page) =>
        State.OpenReports.Owns(page) ? State.OpenReports
        : State.Escalations.Owns(page) ? State.Escalations
        : throw new InvalidOperationException($"Studio '{StudioId}': '{page}' is not a page of an open index");

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
