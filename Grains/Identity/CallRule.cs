using System.Collections.Concurrent;
using System.Reflection;
using Orchestration.Grains.Interfaces.Common;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Grains.Identity;

/// <summary>
/// What the contract says about one of its methods (<see cref="CallableByAttribute"/>, <see cref="ActsAsAttribute"/>,
/// <see cref="ScopedByAttribute"/>, <see cref="StudioInAttribute"/>), read once per method, and the check of a caller
/// against it: the studio the grain belongs to, the kinds of caller the method admits, and each field that says who
/// acts — which must name the caller, or is filled with it.
/// </summary>
internal sealed class CallRule
{
    private static readonly ConcurrentDictionary<MethodInfo, CallRule> Rules = new();

    private CallRule(MethodInfo method)
    {
        Name = $"{method.DeclaringType?.Name}.{method.Name}";
        Scope = ScopeOf(method.DeclaringType);
        Callers = method.GetCustomAttribute<CallableByAttribute>()?.Callers
            // An agent kind's own methods admit the agent itself and its studio's operators unless they say otherwise.
            ?? (Scope == StudioScope.Agent ? (method.GetCustomAttribute<Orleans.Concurrency.ReadOnlyAttribute>() is null ? Callers.Agents | Callers.Operators : Callers.Anyone) : Callers.None);
        ActsAs = [.. method.GetCustomAttributes<ActsAsAttribute>().Select(a => Field.Of(method, a.Field, a.Agent))];
        StudioIn = method.GetCustomAttribute<StudioInAttribute>() is { } studioIn ? Field.Of(method, studioIn.Field) : null;
    }

    public static CallRule For(MethodInfo method) => Rules.GetOrAdd(method, static m => new CallRule(m));

    public string Name { get; }

    /// <summary>Null: not an interface of the contract (Orleans' own, or an extension).</summary>
    public StudioScope? Scope { get; }

    public Callers Callers { get; }

    public IReadOnlyList<Field> ActsAs { get; }

    public Field? StudioIn { get; }

    /// <summary>Refuses the call (<see cref="NotPermittedException"/>) unless <paramref name="actor"/> may make it; fills
    /// empty "who acts" fields with the caller.</summary>
    public void Check(Actor actor, IIncomingGrainCallContext call)
    {
        if (actor.IsTrusted)
        {
            if (actor.Kind == ActorKind.Root) FillEmpty(call, actor, _ => actor.Subject); // recorded as done by root
            return;
        }

        if (Scope is not { } scope || Callers == Callers.None)
            throw new NotPermittedException("credential", $"{Name} is the silos' own: no credential may call it");

        var key = call.TargetId.Key.ToString() ?? "";
        var studio = scope switch
        {
            StudioScope.Studio => key,
            StudioScope.StudioPrefixed => key.IndexOf('/') is > 0 and var slash ? key[..slash] : key,
            StudioScope.Agent => (call.Grain as IStudioMember)?.MemberOfStudio ?? (StudioIn is { } field ? field.Read(call.Request) : null),
            _ => null,
        };
        if (studio is not null && studio != actor.StudioId)
            throw new NotPermittedException("studio", $"is '{PrintableText.Inert(studio)}', but this credential belongs to studio '{actor.StudioId}'");

        if ((Callers & actor.Kinds) == 0)
            throw new NotPermittedException("role", $"this credential is {actor.Describe()}; {Name} is for {Describe(Callers)}");

        // On an agent's own grain, "agents" means that agent: another agent (or a service not acting for it) may only read.
        if (scope == StudioScope.Agent && actor.IsAgent && Callers != Callers.Anyone && !actor.ActsFor(key))
            throw new NotPermittedException("agentId", $"is '{PrintableText.Inert(key)}', but this credential is {actor.Describe()}: an agent acts only as itself");

        foreach (var field in ActsAs)
        {
            if (field.Read(call.Request) is { Length: > 0 } named && !actor.MayActAs(named))
                throw new NotPermittedException(field.Path, $"is '{PrintableText.Inert(named)}', but this credential is {actor.Describe()}: a caller acts only as itself");
        }

        FillEmpty(call, actor, actor.DefaultName);
    }

    /// <summary>Names the caller in each empty "who acts" field it can stand for: a person field for anyone, an agent
    /// field only for an agent (root or an operator is no agent: an empty agent id stays empty, and is refused as such).</summary>
    private void FillEmpty(IIncomingGrainCallContext call, Actor actor, Func<string, string> name)
    {
        foreach (var field in ActsAs)
            if ((!field.Agent || actor.IsAgent) && string.IsNullOrEmpty(field.Read(call.Request))) field.Write(call.Request, name(field.Path));
    }

    private static StudioScope? ScopeOf(Type? contract)
    {
        if (contract is null) return null;
        if (contract.GetCustomAttribute<ScopedByAttribute>() is { } own) return own.Scope;
        return contract.GetInterfaces().Select(i => i.GetCustomAttribute<ScopedByAttribute>()?.Scope).FirstOrDefault(s => s is not null);
    }

    private static string Describe(Callers callers) => callers == Callers.Anyone ? "any credential of the studio"
        : string.Join(" or ", Enum.GetValues<Callers>().Where(c => c is not (Callers.None or Callers.Anyone) && callers.HasFlag(c)).Select(c => c.ToString().ToLowerInvariant()));

    /// <summary>A string property of one of the method's arguments: <c>report.AgentId</c>.</summary>
    internal sealed record Field(int Argument, PropertyInfo Property, string Path, bool Agent)
    {
        public static Field Of(MethodInfo method, string path, bool agent = false)
        {
            var dot = path.IndexOf('.');
            var parameters = method.GetParameters();
            var parameter = parameters.FirstOrDefault(p => p.Name == path[..Math.Max(dot, 0)])
                ?? throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name}: no parameter for '{path}'");
            var property = parameter.ParameterType.GetProperty(path[(dot + 1)..])
                ?? throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name}: {parameter.ParameterType.Name} has no property '{path[(dot + 1)..]}'");
            if (property.PropertyType != typeof(string) || property.SetMethod is null)
                throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name}: '{path}' must be a settable string");
            return new Field(Array.IndexOf(parameters, parameter), property, $"{parameter.Name}.{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]}", agent);
        }

        private static readonly ConcurrentDictionary<Type, MethodInfo> Clones = new();

        public string? Read(Orleans.Serialization.Invocation.IInvokable request) =>
            request.GetArgument(Argument) is { } argument ? (string?)Property.GetValue(argument) : null;

        /// <summary>Replaces the argument with a copy that names <paramref name="value"/> (arguments are immutable records).</summary>
        public void Write(Orleans.Serialization.Invocation.IInvokable request, string value)
        {
            if (request.GetArgument(Argument) is not { } argument) return;
            var copy = Clones.GetOrAdd(argument.GetType(), static t => t.GetMethod("<Clone>$")
                    ?? throw new InvalidOperationException($"{t.Name} is not a record")).Invoke(argument, null)!;
            Property.SetValue(copy, value);
            request.SetArgument(Argument, copy);
        }
    }
}
