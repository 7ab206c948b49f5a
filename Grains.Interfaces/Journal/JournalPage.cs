using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Grains.Interfaces.Journal;

/// <summary>One page of the journal.</summary>
/// <param name="StudioId">The studio read.</param>
/// <param name="Events">The events of the page, oldest first, each with its studio-wide sequence number.</param>
/// <param name="Next">Where the next page starts: pass it as <see cref="JournalQuery.After"/>.</param>
/// <param name="AtEnd">True when the page reached the newest event journaled so far; a later read from
/// <see cref="Next"/> returns what was journaled since.</param>
[GenerateSerializer, Immutable, Alias("orch.JournalPage")]
public sealed record JournalPage(string StudioId, IReadOnlyList<StudioEvent> Events, long Next, bool AtEnd);
