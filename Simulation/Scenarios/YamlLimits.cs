using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Orchestration.Simulation.Scenarios;

/// <summary>
/// What a YAML file the simulator reads may be, checked before it is loaded, so no file can crash or stall it: at most
/// <see cref="MaxBytes"/>, nested at most <see cref="MaxDepth"/> deep (the YAML library recurses once per level, and a
/// few kilobytes of brackets would overflow the stack), mapping keys that are plain values, and aliases that expand to
/// at most <see cref="MaxNodes"/> nodes in all (a "billion laughs" file is a few lines). The check reads the file's
/// events one at a time, without recursion, and refuses with the line at fault.
/// </summary>
public static class YamlLimits
{
    public const int MaxBytes = 1 << 20;

    public const int MaxDepth = 64;

    public const int MaxNodes = 100_000;

    /// <summary>Loads a checked YAML text; every problem is a <see cref="ScenarioException"/> naming <paramref name="file"/> and a line.</summary>
    public static YamlStream Load(string yaml, string file)
    {
        if (yaml.Length > MaxBytes)
            throw new ScenarioException(file, 1, $"is {yaml.Length:N0} characters; a file the simulator reads is at most {MaxBytes:N0}");
        try
        {
            Check(yaml, file);
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream;
        }
        catch (YamlException e)
        {
            // An error found at the end of the text is reported on its last line, not the empty one after it.
            var line = (int)Math.Max(1, Math.Min(e.Start.Line, yaml.TrimEnd().Split('\n').Length));
            var message = e.InnerException?.Message ?? e.Message;
            throw new ScenarioException(file, line, $"not valid YAML: {(e.Start.Line > line ? "the file ends inside an unclosed { or [ — " : "")}{message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reaches the end of the text inside an unclosed { or [ without a position to report.
            throw new ScenarioException(file, Math.Max(1, yaml.TrimEnd().Split('\n').Length), "not valid YAML: the file ends inside an unclosed { or [");
        }
    }

    /// <summary>Reads a file the simulator is given: refused with its name if it is not there, is a folder, or is too big.</summary>
    public static string ReadFile(string path, string file)
    {
        if (Directory.Exists(path)) throw new ScenarioException(file, 0, "is a folder, not a file");
        if (!File.Exists(path)) throw new ScenarioException(file, 0, "no such file");
        var length = new FileInfo(path).Length;
        if (length > MaxBytes) throw new ScenarioException(file, 1, $"is {length:N0} bytes; a file the simulator reads is at most {MaxBytes:N0}");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(file, 0, $"cannot be read: {e.Message}");
        }
    }

    private static void Check(string yaml, string file)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Container>();
        var anchors = new Dictionary<string, (long Nodes, bool Scalar)>(StringComparer.Ordinal);
        long nodes = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (current is not (NodeEvent or AnchorAlias or SequenceEnd or MappingEnd)) continue;
            var line = (int)current.Start.Line;

            // A node in a mapping's key position must be a plain value.
            if (current is NodeEvent or AnchorAlias && open.TryPeek(out var parent) && parent.Mapping)
            {
                if (parent.AtKey && current is not (Scalar or AnchorAlias))
                    throw new ScenarioException(file, line, "a mapping key must be a plain value, not a list or a mapping");
                if (parent.AtKey && current is AnchorAlias keyAlias && anchors.TryGetValue(keyAlias.Value.Value, out var aliased) && !aliased.Scalar)
                    throw new ScenarioException(file, line, $"a mapping key must be a plain value; *{keyAlias.Value.Value} is a list or a mapping");
                parent.AtKey = !parent.AtKey;
            }

            // Every value counts, and an alias counts as all the values of what it refers to.
            nodes += current switch
            {
                AnchorAlias alias => anchors.TryGetValue(alias.Value.Value, out var expansion) ? expansion.Nodes
                    : throw new ScenarioException(file, line, $"*{alias.Value.Value} refers to no anchor defined before it"),
                NodeEvent => 1,
                _ => 0,
            };
            if (nodes > MaxNodes)
                throw new ScenarioException(file, line, $"expands to more than {MaxNodes:N0} values (aliases included); a file the simulator reads is smaller than that");

            switch (current)
            {
                case SequenceStart or MappingStart:
                    if (open.Count == MaxDepth) throw new ScenarioException(file, line, $"is nested more than {MaxDepth} levels deep");
                    var anchor = ((NodeEvent)current).Anchor;
                    open.Push(new Container(current is MappingStart, anchor.IsEmpty ? null : anchor.Value, nodes - 1));
                    break;
                case SequenceEnd or MappingEnd:
                    var closed = open.Pop();
                    if (closed.Anchor is { } name) anchors[name] = (nodes - closed.NodesBefore, false);
                    break;
                case Scalar { Anchor.IsEmpty: false } scalar:
                    anchors[scalar.Anchor.Value] = (1, true);
                    break;
            }
        }
    }

    /// <summary>An open list or mapping: whether it is a mapping (and where it is, key or value), its anchor, and how
    /// many values came before it (so its size is known when it closes).</summary>
    private sealed class Container(bool mapping, string? anchor, long nodesBefore)
    {
        public bool Mapping { get; } = mapping;

        public string? Anchor { get; } = anchor;

        public long NodesBefore { get; } = nodesBefore;

        /// <summary>In a mapping: whether the next node is a key (keys and values alternate).</summary>
        public bool AtKey { get; set; } = mapping;
    }
}
