using System.Diagnostics;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>The operator CLI run as a user runs it: a process, its exit code, its output and its errors.</summary>
public static class CliProcess
{
    public static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) =>
        RunDllAsync(Repository.Output("Client/Orchestration.Cli", "orchestration.dll"), args);

    /// <summary>Any program of the solution (the CLI, a sample), run the same way from its own build output.</summary>
    public static async Task<(int Code, string Out, string Error)> RunDllAsync(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // a bound on a hang, not a performance figure
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await output, await error);
    }
}
