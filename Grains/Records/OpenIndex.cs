using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Orchestration.Grains.Common;

namespace Orchestration.Grains.Records;

/// <summary>
/// Records that are open (reports, escalations), by id: all of them in memory, stored in <see cref="Pages"/> pages of
/// their own (<see cref="OpenPage"/>) rather than in the Producer's state, so a write costs what it changed, not what
/// is open. Every id set or removed since the last <see cref="TakeChanges"/> becomes one <see cref="OpenEntry"/>
/// filing for its page, which the Producer's outbox stores with its state and then applies to the page: the pages
/// plus the stored outbox always hold what was live at the last write.
/// </summary>
public sealed class OpenIndex<T>(string book) : IReadOnlyDictionary<string, T> where T : class
{
    /// <summary>Pages per book: at the default 10,000 open reports, about 160 records (some 50 KB) a page.</summary>
    public const int Pages = 64;

    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>What this index holds ("reports", "escalations"): part of its pages' ids.</summary>
    public string Book { get; } = book;

    public T this[string id]
    {
        get => _items[id];
        set
        {
            _items[id] = value;
            _touched.Add(id);
        }
    }

    public bool Remove(string id)
    {
        if (!_items.Remove(id)) return false;
        _touched.Add(id);
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

    /// <summary>What changed since the last call, one filing per id for the page that holds it (its value now, or
    /// its removal), in a stable order; forgets them.</summary>
    public IReadOnlyList<Filing> TakeChanges()
    {
        var changes = _touched.Order(StringComparer.Ordinal)
            .Select(id => new Filing(PageOf(id), new OpenEntry(id, _items.GetValueOrDefault(id)))).ToList();
        _touched.Clear();
        return changes;
    }

    /// <summary>Loads a stored page, or applies a stored change, without counting it as a change.</summary>
    public void Load(OpenEntry entry)
    {
        if (entry.Record is T record) _items[entry.Id] = record;
        else if (entry.Record is null) _items.Remove(entry.Id);
        else throw new InvalidOperationException($"Open {Book} index: '{entry.Id}' holds a {entry.Record.GetType().Name}, not a {typeof(T).Name}");
    }

    /// <summary>The id of the page that holds <paramref name="id"/>: a hash that is the same in every process.</summary>
    public string PageOf(string id) => OpenPage.Id(Book, OpenPage.Number(id, Pages));

    /// <summary>Whether a filing is one of this index's page changes.</summary>
    public bool Owns(Filing filing) => filing.Record is OpenEntry && OpenPage.BookOf(filing.Id) == Book;
}
