using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestration.Gateway.Http;

/// <summary>
/// The gateway's JSON: the contract's records as they are, camelCase, enums as kebab-case names ("high",
/// "technical-debt"), and the contract's abstract messages (events, inbox messages) with their concrete fields and a
/// <c>type</c> naming them, so a client in any language can tell a <c>DecisionIssued</c> from a <c>HandoffProposed</c>.
/// </summary>
public static class GatewayJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new NamedEnumConverterFactory());
        options.Converters.Add(new ConcreteTypeConverterFactory());
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        // Relaxed escaping, as ASP.NET Core writes responses: "+00:00", not "\u002B00:00", in SSE data too.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        Configure(options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Enums by kebab-case name ("technical-debt"), read case-insensitively; an unknown name is refused with
    /// the names that would do, rather than a type name the caller never saw.</summary>
    private sealed class NamedEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(NamedEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class NamedEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(Name, StringComparer.OrdinalIgnoreCase);

        private static string Name(T value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is not null && (ByName.TryGetValue(text, out var value) || ByName.TryGetValue(JsonNamingPolicy.KebabCaseLower.ConvertName(text), out value)))
                return value;
            var shown = reader.TokenType == JsonTokenType.String ? $"'{text}'" : reader.TokenType.ToString().ToLowerInvariant();
            throw new JsonException($"{shown} is not one of: {string.Join(", ", ByName.Keys)}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));

        // As a dictionary key (counts by channel): the same name.
        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Name(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);
    }

    /// <summary>Writes an abstract contract type as its runtime type, with <c>type</c> first. Output only: requests
    /// never carry an abstract type.</summary>
    private sealed class ConcreteTypeConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsAbstract && !typeToConvert.IsInterface && typeToConvert.Namespace?.StartsWith("Orchestration.", StringComparison.Ordinal) == true;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ConcreteTypeConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class ConcreteTypeConverter<T> : JsonConverter<T> where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new JsonException($"{typeToConvert.Name} is sent by the studio, never received");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var node = JsonSerializer.SerializeToNode(value, value.GetType(), options)!.AsObject();
            writer.WriteStartObject();
            writer.WriteString("type", value.GetType().Name);
            foreach (var (name, property) in node)
            {
                writer.WritePropertyName(name);
                if (property is null) writer.WriteNullValue();
                else property.WriteTo(writer, options);
            }

            writer.WriteEndObject();
        }
    }
}
