using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestration.Tests.Cluster.Infrastructure;

/// <summary>
/// A real silo, run as its own process from the built Silo project on free loopback ports, as an operator runs it.
/// Disposing it kills the process.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int siloPort, int gatewayPort, Uri http)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Http = http;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri Http { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>One key for every silo process of a test run, as the silos of one cluster share theirs.</summary>
    public static readonly string StreamSigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static Task<SiloProcess> StartAsync(params string[] settings) => StartAsync(home: null, settings);

    /// <summary>A silo with these environment variables set (the standard OTEL_* ones, say).</summary>
    public static Task<SiloProcess> StartWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] settings) =>
        StartAsync(home: null, settings, environment);

    /// <summary>A Development silo as the README runs it: no root key configured, so it makes one and writes its root
    /// credential under <paramref name="home"/> (its HOME), where the CLI and the samples run with that HOME find it.</summary>
    public static Task<SiloProcess> StartAsDeveloperAsync(string home, params string[] settings) => StartAsync(home, settings);

    /// <summary>Starts a silo on free ports; if another process took one of them between the check and the bind (the
    /// silo exits saying the address is in use), starts it again on other ports.</summary>
    private static async Task<SiloProcess> StartAsync(string? home, string[] settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(home, settings, environment);
            }
            catch (InvalidOperationException exited) when (attempt < 3 && exited.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // ports raced: try others
            }
        }
    }

    private static async Task<SiloProcess> StartOnFreePortsAsync(string? home, string[] settings, IReadOnlyDictionary<string, string>? environment)
    {
        var (siloPort, gatewayPort, httpPort) = (FreePort(), FreePort(), FreePort());
        var http = new Uri($"http://127.0.0.1:{httpPort}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Orchestration.Silo.dll"),
                     $"--Orchestration:SiloPort={siloPort}", $"--Orchestration:GatewayPort={gatewayPort}", $"--Orchestration:HttpUrl={http}",
                     "--Studio:LogEvents=false", "--Studio:Id=hosted-agents", $"--Orchestration:StreamSigningKey={StreamSigningKey}",
                     .. home is null ? [$"--Orchestration:RootKey={TestIdentity.RootKey}"] : Array.Empty<string>(),
                     .. TestCertificates.Cluster.SiloSettings, .. settings])
            start.ArgumentList.Add(arg);
        if (home is not null) start.Environment["HOME"] = home;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var silo = new SiloProcess(Process.Start(start)!, siloPort, gatewayPort, http);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (silo._process.HasExited)
                throw new InvalidOperationException($"the silo exited with {silo._process.ExitCode}:{Environment.NewLine}{silo.Output}");
            try
            {
                if ((await client.GetAsync(new Uri(http, "/health/ready"))).StatusCode == HttpStatusCode.OK) return silo;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or too busy starting to answer within the probe's time: ask again
            }

            // A generous bound, not a timing goal: a loaded 2-core machine starts a silo slowly.
            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                await silo.DisposeAsync();
                throw new TimeoutException($"the silo was not ready within 120 s:{Environment.NewLine}{silo.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Kills the silo outright (SIGKILL): no goodbye to the cluster, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the silo the way an orchestrator does (SIGTERM), so it leaves the cluster cleanly.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
