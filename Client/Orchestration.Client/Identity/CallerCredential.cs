using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Orchestration.Client.Identity;

/// <summary>
/// The credential calls carry. By default, the client's (<see cref="OrchestrationClientOptions.Credential"/>); within
/// <see cref="Use"/>, another one — how <see cref="StudioClient.As"/> lets one process act as several callers (a test, a
/// tool that issues credentials and then uses them).
/// </summary>
public static class CallerCredential
{
    private static readonly AsyncLocal<string?> Override = new();

    /// <summary>The credential set by the innermost <see cref="Use"/> around this code, if any.</summary>
    public static string? Current => Override.Value;

    /// <summary>Calls started before the returned scope is disposed carry <paramref name="token"/>.</summary>
    public static IDisposable Use(string token)
    {
        var previous = Override.Value;
        Override.Value = token;
        return new Scope(previous);
    }

    /// <summary>A grain reference whose every call carries <paramref name="token"/>.</summary>
    public static T Bind<T>(T grain, string token) where T : class, IAddressable
    {
        var proxy = DispatchProxy.Create<T, Bound<T>>();
        var bound = (Bound<T>)(object)proxy;
        (bound.Grain, bound.Token) = (grain, token);
        return proxy;
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }

    /// <summary>Starts each call inside <see cref="Use"/>: the client's filter reads the credential as the call starts,
    /// and the call keeps it to the end.</summary>
    public class Bound<T> : DispatchProxy where T : class
    {
        internal T Grain { get; set; } = null!;

        internal string Token { get; set; } = null!;

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            using (Use(Token))
            {
                try
                {
                    return method!.Invoke(Grain, args);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                    throw;
                }
            }
        }
    }
}
