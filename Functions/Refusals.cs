using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestration.Grains.Interfaces.Common;

namespace Orchestration.Functions;

/// <summary>
/// A studio function as a model should meet it: its arguments checked first (<see cref="ToolArguments"/>), and a
/// refusal returned as text the model can act on — the call is not made, nothing in the studio changes.
/// </summary>
internal sealed class Refusals(AIFunction inner, MethodInfo method) : DelegatingAIFunction(inner)
{
    private readonly ParameterInfo[] _parameters = method.GetParameters();

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var given = arguments.ToDictionary(a => a.Key, a => a.Value is JsonElement element ? element : JsonSerializer.SerializeToElement(a.Value, AgentFunctions.Json));
        if (ToolArguments.Check(Name, _parameters, given.AsReadOnly(), AgentFunctions.Json) is { } wrong) return ToolArguments.Refusal(wrong);
        try
        {
            return await base.InvokeCoreAsync(arguments, cancellationToken);
        }
        catch (InvalidRequestException refused) // a not-permitted one too: the credential may not do this
        {
            return ToolArguments.Refusal(refused);
        }
    }
}
