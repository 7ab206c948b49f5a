using System.Runtime.InteropServices;

namespace Orchestration.Cli;

/// <summary>
/// Ctrl+C, SIGINT and SIGTERM stop any command within a second, with exit code 130: the command's cancellation token
/// is cancelled at once (a simulation stops at its next step, a follower stops following), and if it has not returned
/// a second later the process exits anyway. The CLI takes the signals itself because a command that hosts an Orleans
/// cluster in process (simulate, replay) would otherwise have them taken by the cluster's host.
/// </summary>
internal sealed class CliTermination : IDisposable
{
    public const int ExitCode = 130;

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public CliTermination()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
            _registrations.Add(PosixSignalRegistration.Create(signal, Stop));
    }

    /// <summary>Cancelled when the user or the system asks the CLI to stop.</summary>
    public CancellationToken Token => _stop.Token;

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true; // not the default abrupt end: the command gets its second to stop cleanly
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ =>
        {
            Console.Error.WriteLine("stopped");
            Environment.Exit(ExitCode);
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
