namespace Orchestration.WebConsole;

/// <summary>How the console signs people in.</summary>
public sealed class ConsoleOptions
{
    /// <summary>
    /// Development only: the credential a visitor with no sign-in acts as — the local operator, as the CLI is trusted
    /// on a dev machine (the silo sets it to its root credential). Null on the Azure profile: everyone signs in.
    /// </summary>
    public string? LocalCredential { get; set; }

    /// <summary>The studio <c>/</c> opens for someone whose credential is not tied to one (the local operator).</summary>
    public string DefaultStudio { get; set; } = "default";
}
