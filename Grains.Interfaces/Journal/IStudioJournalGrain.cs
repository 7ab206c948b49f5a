using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Interfaces.Journal;

/// <summary>
/// The studio's durable journal (key: studio id): every <see cref="Messages.StudioEvent"/> the studio ever produced,
/// in sequence order, kept for the studio's whole life. The Producer stores each operation's events here before it
/// publishes them on the event stream, so the journal, not the stream, is the record: the decision log,
/// escalations, handoffs and every other event are read back from it with paging.
/// </summary>
[ScopedBy(StudioScope.Studio)]
[Alias("orch.IStudioJournalGrain")]
public interface IStudioJournalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Events after <see cref="JournalQuery.After"/>, oldest first. A page ends at the limit, at the journal's head,
    /// or after a bounded scan when a kind filter matches little; pass <see cref="JournalPage.Next"/> as the next
    /// query's <c>After</c> until <see cref="JournalPage.AtEnd"/>.
    /// </summary>
    [CallableBy(Callers.Anyone)]
    [Alias("Read")]
    Task<JournalPage> Read(JournalQuery query);
}
