using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Orchestration.Grains.Common;

namespace Orchestration.Grains.Records;

/// <summary>
/// Records that are open (reports, escalations), by id: all of them in memory, stored in pages of their own
/// (<see cref="OpenPage"/>) rather than in the Producer's state, so a write costs what it changed, not what is open.
/// A new record goes on the newest page (the tail) until it holds <see cref="PageSize"/>, then on a new one; a record
/// stays on its page until it is removed. So records opened and closed together touch one page, and a page nothing
/// is open on any more is no longer read.
/// <para>
/// Every record set or removed since the last <see cref="TakeChanges"/> becomes one <see cref="OpenEntry"/> filing for
/// its page, which the Producer's outbox stores with its state and then applies to the page: the pages the state lists
/// (<see cref="Pages"/>), read oldest first, plus the stored outbox, always hold what was live at the last write.
/// </para>
/// </summary>
public sealed class OpenIndex<T>(string book, int pageSize = OpenIndex<T>.DefaultPageSize) : IReadOnlyDictionary<string, T>, IOpenBook where T : class
{
    /// <summary>Records per page: some 80 KB of reports or escalations.</summary>
    public const int DefaultPageSize = 256;

    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pageOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _counts = [];
    private readonly HashSet<(string Id, int Page)> _touched = [];
    private int _tail;

    /// <summary>What this index holds ("reports", "escalations"): part of its pages' ids.</summary>
    public string Book { get; } = book;

    public int PageSize { get; } = pageSize;

    public T this[string id]
    {
        get => _items[id];
        set
        {
            if (!_pageOf.TryGetValue(id, out var page))
            {
                if (_counts.GetValueOrDefault(_tail) >= PageSize) _tail++;
                Place(id, page = _tail);
            }

            _items[id] = value;
            _touched.Add((id, page));
        }
    }

    public bool Remove(string id)
    {
        if (!_items.Remove(id)) return false;
        _touched.Add((id, Unplace(id)));
        return true;
    }

    public int Count => _items.Count;

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<T> Values => _items.Values;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value) => _items.TryGetValue(key, out value);

    public T? GetValueOrDefault(string key) => _items.GetValueOrDefault(key);

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether anything changed since the last <see cref="TakeChanges"/>.</summary>
    public bool HasChanges => _touched.Count > 0;

    /// <summary>The pages to read on activation: every page something open is on, and the tail.</summary>
    public IEnumerable<string> Pages => _counts.Keys.Append(_tail).Distinct().Order().Select(PageId);

    /// <summary>The page id a record is on, if it is open.</summary>
    public string? PageOf(string id) => _pageOf.TryGetValue(id, out var page) ? PageId(page) : null;

    /// <summary>What changed since the last call, one filing per record and page (its value there now, or its removal
    /// from a page it left), in a stable order; forgets them.</summary>
    public IReadOnlyList<Filing> TakeChanges()
    {
        var changes = _touched.OrderBy(t => t.Page).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new Filing(PageId(t.Page), new OpenEntry(t.Id, _pageOf.TryGetValue(t.Id, out var now) && now == t.Page ? _items[t.Id] : null)))
            .ToList();
        _touched.Clear();
        return changes;
    }

    /// <summary>Loads a stored page's record, or applies a stored change, without counting it as a change. Pages are
    /// loaded oldest first, then the outbox in order: a record on two pages (it left one, and the removal was not
    /// applied yet) is on the newer one, and a removal from a page the record already left changes nothing.</summary>
    public void Load(string pageId, OpenEntry entry)
    {
        var page = OpenPage.NumberOf(pageId) ?? throw new InvalidOperationException($"'{pageId}' is not a page of an open index");
        _tail = Math.Max(_tail, page);
        if (entry.Record is null)
        {
            if (_pageOf.TryGetValue(entry.Id, out var on) && on == page)
            {
                _items.Remove(entry.Id);
                Unplace(entry.Id);
            }

            return;
        }

        if (entry.Record is not T record)
            throw new InvalidOperationException($"Open {Book} index: '{entry.Id}' holds a {entry.Record.GetType().Name}, not a {typeof(T).Name}");
        if (_pageOf.ContainsKey(entry.Id)) Unplace(entry.Id);
        Place(entry.Id, page);
        _items[entry.Id] = record;
    }

    /// <summary>The tail as the state listed it, so a new record never goes on a page an earlier one may still hold.</summary>
    public void LoadListed(string pageId) => _tail = Math.Max(_tail, OpenPage.NumberOf(pageId) ?? 0);

    /// <summary>Whether a page id is one of this index's.</summary>
    public bool Owns(string pageId) => OpenPage.BookOf(pageId) == Book;

    private string PageId(int page) => OpenPage.Id(Book, page);

    private void Place(string id, int page)
    {
        _pageOf[id] = page;
        _counts[page] = _counts.GetValueOrDefault(page) + 1;
    }

    private int Unplace(string id)
    {
        _pageOf.Remove(id, out var page);
        if (--_counts[page] == 0) _counts.Remove(page);
        return page;
    }
}

/// <summary>What the Producer's write and activation need of an open index, whatever it holds.</summary>
public interface IOpenBook
{
    bool HasChanges { get; }

    IEnumerable<string> Pages { get; }

    IReadOnlyList<Filing> TakeChanges();

    bool Owns(string pageId);

    void LoadListed(string pageId);

    void Load(string pageId, OpenEntry entry);
}
