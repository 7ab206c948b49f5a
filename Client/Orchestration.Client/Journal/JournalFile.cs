using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orchestration.Grains.Interfaces.Messages;

namespace Orchestration.Client.Journal;

/// <summary>The first line of a journal file: what it is, which schema, whose, and which window of time.</summary>
/// <param name="Format">Always <see cref="JournalFile.Format"/>.</param>
/// <param name="Version">The schema version the events are written in (<see cref="JournalFile.Version"/>).</param>
public sealed record JournalFileHeader(string Format, int Version, string StudioId, DateTimeOffset ExportedAt, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>A line of a journal file that cannot be read: the file, the line, and what is wrong with it.</summary>
public sealed class JournalFileException(string source, int line, string problem) : Exception($"{source}:{line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

/// <summary>
/// A studio's journal as a file — JSON Lines: a <see cref="JournalFileHeader"/>, then one event per line, oldest first,
/// each an object whose <c>type</c> names the event (<c>DecisionRecorded</c>…) beside its fields. Written by
/// <c>journal export</c> from any running cluster through the contract; read by <c>simulate replay</c>. A reader
/// refuses, with the line, a file of another format, a schema version it does not know, an unknown event type, or a
/// line it cannot read — it never guesses.
/// </summary>
public static class JournalFile
{
    public const string Format = "orchestration-journal";

    /// <summary>The schema this build writes. Version 1: the contract's event records as of this release.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A line must be a whole event: every field the contract requires is there, and none it declares non-null is null.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly Dictionary<string, Type> EventTypes = typeof(StudioEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(StudioEvent)) && !t.IsAbstract)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Writes the header and the events (those at or after <paramref name="from"/> and before <paramref name="to"/>);
    /// returns how many were written.</summary>
    public static async Task<int> WriteAsync(TextWriter writer, string studioId, IAsyncEnumerable<StudioEvent> events, DateTimeOffset exportedAt,
        DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(new JournalFileHeader(Format, Version, studioId, exportedAt, from, to), Json));
        var written = 0;
        await foreach (var studioEvent in events.WithCancellation(cancellationToken))
        {
            if (from is { } start && studioEvent.At < start) continue;
            if (to is { } end && studioEvent.At >= end) continue;
            await writer.WriteLineAsync(Line(studioEvent));
            written++;
        }

        await writer.FlushAsync(cancellationToken);
        return written;
    }

    /// <summary>As the other <c>WriteAsync</c>, for events already in memory (a simulation run's, say).</summary>
    public static Task<int> WriteAsync(TextWriter writer, string studioId, IEnumerable<StudioEvent> events, DateTimeOffset exportedAt,
        DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        WriteAsync(writer, studioId, events.ToAsyncEnumerable(), exportedAt, from, to, cancellationToken);

    /// <summary>One event as a line: <c>{"type": …, …its fields}</c>.</summary>
    public static string Line(StudioEvent studioEvent)
    {
        var fields = JsonSerializer.SerializeToNode(studioEvent with { Seal = null }, studioEvent.GetType(), Json)!.AsObject();
        fields.Remove("seal");
        var line = new JsonObject { ["type"] = studioEvent.GetType().Name };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            line[name] = value;
        }

        return line.ToJsonString(Json);
    }

    /// <summary>Reads a file: its header (checked) and its events, in order. <paramref name="source"/> names the file in
    /// errors; <paramref name="progress"/> hears how many lines have been read.</summary>
    public static async Task<(JournalFileHeader Header, IReadOnlyList<StudioEvent> Events)> ReadAsync(TextReader reader, string source,
        CancellationToken cancellationToken = default, IProgress<int>? progress = null)
    {
        var header = ReadHeader(await reader.ReadLineAsync(cancellationToken), source);
        var events = new List<StudioEvent>();
        var number = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (number % 1_000 == 0) progress?.Report(number);
            if (line.Length == 0) continue;
            var studioEvent = ReadEvent(line, source, number);
            if (studioEvent.StudioId != header.StudioId)
                throw new JournalFileException(source, number, $"an event of studio '{studioEvent.StudioId}' in the journal of studio '{header.StudioId}'");
            if (events.Count > 0 && studioEvent.Sequence <= events[^1].Sequence)
                throw new JournalFileException(source, number, $"event #{studioEvent.Sequence} comes after #{events[^1].Sequence}: a journal is in sequence order");
            events.Add(studioEvent);
        }

        progress?.Report(number);
        return (header, events);
    }

    /// <summary>Reads a journal file (see the other <c>ReadAsync</c>); a folder, a missing file or an unreadable one is
    /// refused naming it.</summary>
    public static async Task<(JournalFileHeader Header, IReadOnlyList<StudioEvent> Events)> ReadAsync(string path, CancellationToken cancellationToken = default,
        IProgress<int>? progress = null)
    {
        if (Directory.Exists(path)) throw new JournalFileException(path, 0, "is a folder, not a journal file");
        if (!File.Exists(path)) throw new JournalFileException(path, 0, "no such file");
        try
        {
            using var reader = new StreamReader(path);
            return await ReadAsync(reader, path, cancellationToken, progress);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JournalFileException(path, 0, $"cannot be read: {e.Message}");
        }
    }

    private static JournalFileHeader ReadHeader(string? line, string source)
    {
        JournalFileHeader? header = null;
        try
        {
            if (line is not null) header = JsonSerializer.Deserialize<JournalFileHeader>(line, Json);
        }
        catch (JsonException)
        {
        }

        if (header?.Format != Format)
            throw new JournalFileException(source, 1, $"not a studio journal: the first line must be a header with \"format\": \"{Format}\" (write one with: orchestration journal export)");
        if (header.Version != Version)
            throw new JournalFileException(source, 1, header.Version > Version
                ? $"schema version {header.Version} is newer than this build reads ({Version}): use the release that exported it, or a newer one"
                : $"schema version {header.Version} is older than any this build reads (it reads {Version}); export the journal again from the running cluster");
        if (string.IsNullOrWhiteSpace(header.StudioId))
            throw new JournalFileException(source, 1, "the header names no studioId");
        return header;
    }

    private static string Article(string word) => "AEIOU".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static StudioEvent ReadEvent(string line, string source, int number)
    {
        JsonObject fields;
        try
        {
            fields = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new JournalFileException(source, number, "not a JSON object");
        }

        var type = fields["type"] is JsonValue typeValue && typeValue.TryGetValue<string>(out var name) ? name : null;
        if (type is null || !EventTypes.TryGetValue(type, out var eventType))
            throw new JournalFileException(source, number, fields["type"] is null ? "an event needs a \"type\""
                : type is null ? "\"type\" must be the event's name, a string" : $"'{type}' is not an event this build knows (schema version {Version})");
        foreach (var (field, what) in new[] { ("studioId", "the studio it belongs to"), ("sequence", "its number in the journal"), ("at", "when it happened") })
            if (fields[field] is null)
                throw new JournalFileException(source, number, $"{Article(type)} {type} needs \"{field}\" ({what})");
        fields.Remove("type");
        StudioEvent read;
        try
        {
            read = (StudioEvent)(fields.Deserialize(eventType, Json) ?? throw new JsonException("null"));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new JournalFileException(source, number, $"{Article(type)} {type} that cannot be read: {e.Message.Split(" Path:", 2)[0]}");
        }

        if (read.Sequence <= 0) throw new JournalFileException(source, number, $"\"sequence\" is {read.Sequence}; events are numbered from 1");
        return read;
    }
}
