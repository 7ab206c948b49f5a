using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Client.Identity;

/// <summary>Finds an unpaired surrogate anywhere in a call's arguments — strings, records of the contract, lists and
/// dictionaries of them — and names its field the way the studio names fields (<c>report.summary</c>).</summary>
internal static class UnpairedSurrogates
{
    private const int MaxDepth = 8;
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> Properties = new();

    public static void Refuse(IOutgoingGrainCallContext context)
    {
        var count = context.Request.GetArgumentCount();
        for (var i = 0; i < count; i++)
        {
            // On every call: the path is only spelled out for the one field found.
            if (Find(context.Request.GetArgument(i), 0) is not var (path, at)) continue;
            var parameters = context.InterfaceMethod?.GetParameters() ?? [];
            var name = i < parameters.Length ? parameters[i].Name ?? $"argument{i}" : $"argument{i}";
            throw new InvalidRequestException(name + path, $"contains an unpaired surrogate at position {at}: it is not valid Unicode text (the wire would store U+FFFD in its place)");
        }
    }

    /// <summary>Where under <paramref name="value"/> an unpaired surrogate is (a path relative to it, and the position in its text).</summary>
    private static (string Path, int At)? Find(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return Unpaired(text) is { } position ? ("", position) : null;
            case IDictionary dictionary when depth < MaxDepth:
                foreach (DictionaryEntry entry in dictionary)
                    if ((Find(entry.Key, depth + 1) ?? Find(entry.Value, depth + 1)) is var (path, at))
                        return ($".{entry.Key}{path}", at);
                return null;
            case IEnumerable items when depth < MaxDepth:
                var index = 0;
                foreach (var item in items)
                {
                    if (Find(item, depth + 1) is var (path, at)) return ($"[{index}]{path}", at);
                    index++;
                }

                return null;
        }

        var type = value.GetType();
        if (depth >= MaxDepth || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) != true) return null;
        foreach (var (property, name) in Properties.GetOrAdd(type, static t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && (p.PropertyType == typeof(string) || !p.PropertyType.IsValueType))
                     .Select(p => (p, char.ToLowerInvariant(p.Name[0]) + p.Name[1..]))]))
        {
            if (Find(property.GetValue(value), depth + 1) is var (path, at)) return ($".{name}{path}", at);
        }

        return null;
    }

    private static int? Unpaired(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return i;
        }

        return null;
    }
}
