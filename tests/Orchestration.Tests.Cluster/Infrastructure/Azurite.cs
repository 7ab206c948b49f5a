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

    /// <summary>The well-known development account, on explicit ports (for an instance of one's own).</summary>
    public static string ConnectionStringFor(int blob, int queue, int table) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    /// <summary>Runs deploy/azurite/start.sh or stop.sh for a private instance: its own ports, data folder and pid file.</summary>
    public static async Task ScriptAsync(string script, int blob, int queue, int table, string folder)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "deploy", "azurite", script)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AZURITE_BLOB_PORT"] = blob.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_QUEUE_PORT"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_TABLE_PORT"] = table.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_LOCATION"] = folder;
        start.Environment["AZURITE_PID_FILE"] = Path.Combine(folder, "azurite.pid");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} exited {process.ExitCode}: {output}");
    }

    /// <summary>The shared instance's start installs Azurite from the lockfile; a private one reuses that install.</summary>
    private static Task EnsureInstalledAsync() => EnsureRunningAsync();

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
