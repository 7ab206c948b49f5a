using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Gateway.Identity;

/// <summary>
/// Who is calling, as their credential proves: the studio it belongs to, the subject everything is recorded under
/// (an agent id, or a person's name) and the role. Endpoints take it as a parameter; it never comes from the body.
/// </summary>
public sealed record Caller(string StudioId, string Subject, CredentialRole Role, string CredentialId)
{
    public bool IsAgent => Role == CredentialRole.Agent;

    /// <summary>
    /// The identity a command is made under. A body may name it (clients written against the Orleans contract send
    /// <c>agentId</c>, <c>by</c>…), but only as the caller: any other name is refused, never silently replaced.
    /// </summary>
    public string ActAs(string? named, string field)
    {
        if (string.IsNullOrEmpty(named) || string.Equals(named, Subject, StringComparison.Ordinal)) return Subject;
        throw new CallerMismatchException(field, $"is '{named}', but this credential is '{Subject}': a caller acts only as itself");
    }

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var studio = user.FindFirstValue(GatewayClaims.Studio);
        var subject = user.FindFirstValue(GatewayClaims.Subject);
        var credential = user.FindFirstValue(GatewayClaims.Credential);
        if (studio is null || subject is null || credential is null
            || !Enum.TryParse<CredentialRole>(user.FindFirstValue(ClaimTypes.Role), ignoreCase: true, out var role)) return null;
        return new Caller(studio, subject, role, credential);
    }

    /// <summary>Minimal APIs bind it from the authenticated user (every gateway endpoint requires one).</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context.User) ?? throw new InvalidOperationException("a gateway endpoint ran without an authenticated caller"));
}

/// <summary>A body names someone other than the caller in a field that says who acts: 403.</summary>
public sealed class CallerMismatchException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
