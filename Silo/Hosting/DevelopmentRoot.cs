using System.Security.Cryptography;
using Orchestration.Grains.Interfaces.Identity;

namespace Orchestration.Silo.Hosting;

/// <summary>
/// A Development silo with no <c>Orchestration:RootKey</c> makes a root credential for its own life and writes it where
/// the CLI and the samples look (<see cref="OrchestrationIdentity.DevelopmentCredentialFile"/>, readable by its owner
/// alone), so the README's two commands work with nothing to configure. Never on the Azure profile: there the first
/// operator credential comes from the configured root key.
/// </summary>
internal static class DevelopmentRoot
{
    private static readonly Lazy<string> Made = new(() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public static string? KeyFor(OrchestrationSiloOptions options) => options.Profile == SiloProfiles.Development ? Made.Value : null;

    /// <summary>Whether this silo made its root credential (and so writes it for the local tools).</summary>
    public static bool Writes(OrchestrationSiloOptions options) => options.Profile == SiloProfiles.Development && options.RootKey is null;

    /// <summary>Writes the credential file; false where there is no home folder to put it in (then the CLI and the
    /// samples need <c>--credential</c>).</summary>
    public static bool Write()
    {
        var file = OrchestrationIdentity.DevelopmentCredentialFile;
        if (!Path.IsPathRooted(file)) return false;
        var folder = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            // The folder closed first and the file emptied and closed before the secret goes in: never readable by others.
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.WriteAllText(file, "");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(file, OrchestrationIdentity.RootPrefix + Made.Value + Environment.NewLine);
        return true;
    }
}
