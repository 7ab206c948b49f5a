using System.Reflection;
using System.Text.Json;

namespace Orchestration.Grains.Interfaces.Common;

/// <summary>
/// A model's tool call, checked against the parameters of the method it calls before the method runs: a missing,
/// unknown or ill-typed argument comes back as a refusal naming the argument and why, in the words the HTTP API uses
/// ("'urgent' is not one of: low, medium, high, critical"), never as a binder's exception. The MCP server and the
/// studio's AI functions both check with it.
/// </summary>
public static class ToolArguments
{
    /// <summary>A refusal as a model reads it, in one form for every door: <c>refused: field: reason</c>, or
    /// <c>not permitted: field: reason</c> when the caller may not do it (the HTTP API's 400 and 403).</summary>
    public static string Refusal(InvalidRequestException refused) => Refusal(refused is NotPermittedException, refused.Field, refused.Reason);

    public static string Refusal(bool notPermitted, string field, string reason) => $"{(notPermitted ? NotPermitted : Refused)} {field}: {reason}";

    /// <summary>Whether a tool's answer is a refusal (<see cref="Refusal(InvalidRequestException)"/>).</summary>
    public static bool IsRefusal(string answer) => answer.StartsWith(Refused, StringComparison.Ordinal) || answer.StartsWith(NotPermitted, StringComparison.Ordinal);

    private const string Refused = "refused:";
    private const string NotPermitted = "not permitted:";

    public static InvalidRequestException? Check(string tool, IReadOnlyList<ParameterInfo> parameters, IReadOnlyDictionary<string, JsonElement> arguments, JsonSerializerOptions json)
    {
        foreach (var name in arguments.Keys.Where(k => parameters.All(p => p.Name != k)))
            return new InvalidRequestException(name, $"is not an argument of {tool}; it takes {string.Join(", ", parameters.Select(p => p.Name))}");
        foreach (var parameter in parameters)
        {
            var optional = parameter.HasDefaultValue;
            if (!arguments.TryGetValue(parameter.Name!, out var value) || value.ValueKind == JsonValueKind.Null && !optional && !CanBeNull(parameter.ParameterType))
            {
                if (optional) continue;
                return new InvalidRequestException(parameter.Name!, "is required");
            }

            try
            {
                value.Deserialize(parameter.ParameterType, json);
            }
            catch (JsonException wrong)
            {
                return new InvalidRequestException(parameter.Name!, Reason(parameter.ParameterType, value, wrong));
            }
        }

        return null;
    }

    /// <summary>An enum's value as the API writes it: kebab-case ("technical-debt").</summary>
    public static string Name(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    /// <summary>What the value must be, in words a model can act on.</summary>
    private static string Reason(Type type, JsonElement value, JsonException wrong)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var shown = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.ValueKind.ToString().ToLowerInvariant();
            return $"{shown} is not one of: {string.Join(", ", Enum.GetValues(type).Cast<Enum>().Select(Name))}";
        }

        return type switch
        {
            _ when type == typeof(string) => "must be a string",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number",
            _ when type == typeof(double) || type == typeof(decimal) => "must be a number",
            _ when type == typeof(DateOnly) => "must be a date, YYYY-MM-DD",
            _ when type.IsArray => $"must be a list: {wrong.Message.Split(" Path:", 2)[0]}",
            _ => wrong.Message.Split(" Path:", 2)[0],
        };
    }
}
