using Microsoft.Extensions.Hosting;

namespace Orchestration.Simulation.Running;

/// <summary>
/// The lifetime of the hosts inside a simulation: they start and stop when the run says, and leave the process's
/// signals (Ctrl+C, SIGTERM) to the program that runs the simulation, which stops the run itself. (The default
/// console lifetime would take them and stop the in-process silo under a run that goes on.)
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
