using System.Diagnostics;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>Programs run as a user runs them — the operator CLI, a sample, a script, the dotnet tool chain: a process,
/// its exit code, its output and its errors.</summary>
public static class CliProcess
{
    public static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) =>
        RunDllAsync(Repository.Output("Client/Orchestration.Cli", "orchestration.dll"), args);

    /// <summary>Any program of the solution (the CLI, a sample), run the same way from its own build output.</summary>
    public static Task<(int Code, string Out, string Error)> RunDllAsync(string dll, params string[] args) =>
        RunProgramAsync("dotnet", AppContext.BaseDirectory, [dll, .. args], TimeSpan.FromSeconds(90));

    /// <param name="bound">How long before the run counts as hung: a bound, not a performance figure.</param>
    public static async Task<(int Code, string Out, string Error)> RunProgramAsync(string program, string directory, IEnumerable<string> args,
        TimeSpan bound, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Programs run as the cluster's root unless the test says otherwise (the test clusters' root credential).
        foreach (var (key, value) in TestIdentity.Environment.Concat(environment ?? new Dictionary<string, string>())) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(bound);
        await process.WaitForExitAsync(hang.Token);
        return (process.ExitCode, await output, await error);
    }
}
