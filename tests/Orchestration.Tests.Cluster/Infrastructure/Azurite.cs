using System.Diagnostics;
using System.Net.Sockets;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// The Azure Storage emulator the durable tests run against: the real service's wire protocol, on loopback.
/// CI starts it before the tests (deploy/azurite/start.sh); a developer's `dotnet test` starts it on first use.
/// </summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureRunningAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (await ListeningAsync()) return;
            var script = Path.Combine(RepositoryRoot(), "deploy", "azurite", "start.sh");
            using var start = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await start.StandardOutput.ReadToEndAsync() + await start.StandardError.ReadToEndAsync();
            await start.WaitForExitAsync();
            if (start.ExitCode != 0 || !await ListeningAsync())
                throw new InvalidOperationException($"Azurite did not start ({script} exited {start.ExitCode}): {output}");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> ListeningAsync()
    {
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", 10000).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orchestration.sln"))) return dir.FullName;
        throw new InvalidOperationException("Orchestration.sln not found above " + AppContext.BaseDirectory);
    }
}
