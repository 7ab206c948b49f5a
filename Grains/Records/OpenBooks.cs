using Orchestration.Grains.Common;

namespace Orchestration.Grains.Records;

/// <summary>
/// The Producer's open indexes together (<see cref="OpenIndex{T}"/>): what a write files in its outbox and lists as
/// pages to read back, and how activation reads them: the listed pages, oldest first, then the outbox's changes in order.
/// </summary>
public sealed class OpenBooks(params IOpenBook[] books)
{
    /// <summary>Every record changed since the last call, as a change for its page added to <paramref name="outbox"/>;
    /// returns the pages to list, or null if nothing changed. Called at a write's start, so both are exactly what the
    /// state copy holds.</summary>
    public SortedSet<string>? FileChanges(List<Filing> outbox)
    {
        if (!books.Any(b => b.HasChanges)) return null;
        foreach (var book in books) outbox.AddRange(book.TakeChanges());
        return new SortedSet<string>(books.SelectMany(b => b.Pages), StringComparer.Ordinal);
    }

    /// <summary>Reads the <paramref name="listed"/> pages side by side, loads them oldest first, then the changes still
    /// in <paramref name="outbox"/>, in order.</summary>
    public async Task LoadAsync(IGrainFactory grains, string studioId, IEnumerable<string> listed, IEnumerable<Filing> outbox)
    {
        // Oldest first within each book (the books are independent of each other).
        var pages = listed.Select(id => (Id: id, Book: BookOf(id))).OrderBy(p => OpenPage.NumberOf(p.Id)).ToList();
        foreach (var batch in pages.Chunk(32))
        {
            var read = await Task.WhenAll(batch.Select(p => grains.GetGrain<IOpenPageGrain>(RecordKeys.Key(studioId, p.Id)).Get()));
            foreach (var ((id, book), entries) in batch.Zip(read))
            {
                book.LoadListed(id);
                foreach (var entry in entries) book.Load(id, entry);
            }
        }

        foreach (var filing in outbox)
            if (filing.Record is OpenEntry entry) BookOf(filing.Id).Load(filing.Id, entry);
    }

    private IOpenBook BookOf(string pageId) =>
        books.FirstOrDefault(b => b.Owns(pageId)) ?? throw new InvalidOperationException($"'{pageId}' is not a page of an open index");
}
