using Orchestration.Grains.Common;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Journal;
using Orchestration.Grains.Interfaces.Messages;
using Orleans.Concurrency;

namespace Orchestration.Grains.Journal;

/// <summary>
/// Reads a studio's journal across its segments. A stateless worker: reads scale out and never queue behind the
/// Producer's writes. It calls only segment grains, which call nothing, so it adds no cycle.
/// </summary>
[StatelessWorker]
public sealed class StudioJournalGrain : Grain, IStudioJournalGrain
{
    /// <summary>Segments one filtered read scans at most before it returns what it found and where to go on.</summary>
    public const int MaxSegmentsPerRead = 32;

    public async Task<JournalPage> Read(JournalQuery query)
    {
        query = Require.Present(query, "query");
        if (query.After < 0)
            throw new InvalidRequestException("query.after", $"is {query.After}; it must be 0 (the first event) or a sequence number");
        var limit = Require.InRange(query.Limit, 1, JournalQuery.MaxLimit, "query.limit");
        var kinds = JournalKinds.Validate(query.Kinds, "query.kinds");
        var studioId = this.GetPrimaryKeyString();

        var page = new List<StudioEvent>();
        var cursor = query.After;
        for (var scanned = 0; scanned < MaxSegmentsPerRead; scanned++)
        {
            var index = JournalSegments.IndexOf(cursor + 1);
            var events = await GrainFactory.GetGrain<IJournalSegmentGrain>(JournalSegments.Key(studioId, index)).Read(cursor);
            foreach (var e in events)
            {
                cursor = e.Sequence;
                if (kinds.Count > 0 && !kinds.Contains(e.GetType().Name)) continue;
                page.Add(e);
                if (page.Count == limit) return new JournalPage(studioId, page, cursor, AtEnd: false);
            }

            // A segment that is not full is the head of the journal.
            if (cursor < JournalSegments.LastOf(index)) return new JournalPage(studioId, page, cursor, AtEnd: true);
        }

        return new JournalPage(studioId, page, cursor, AtEnd: false);
    }
}
